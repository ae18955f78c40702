namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// Which files of a folder a batch takes: those with an image extension, not hidden, and not an earlier
    /// result (a name ending in the output suffix), so converting a folder twice does not convert the
    /// results of the first run.
    /// </summary>
    public static class PhotoFolders
    {
        /// <summary>Lists the photos in a folder (and its sub-folders with <paramref name="recurse"/>), in a stable order, rooted at the folder.</summary>
        public static IEnumerable<BatchInput> Expand(string folder, bool recurse, string? suffix = null)
        {
            var root = Path.GetFullPath(Throw.IfNullOrEmpty(folder));
            var option = recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
            return Directory.EnumerateFiles(root, "*", option)
                .Where(f => IsPhoto(f, suffix))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new BatchInput(f, root))
                .ToList();
        }

        /// <summary>Whether a file found in a folder or by a pattern should be converted.</summary>
        public static bool IsPhoto(string path, string? suffix = null)
            => RasterFormats.FromExtension(path) != null
               && !Path.GetFileNameWithoutExtension(path).EndsWith(suffix ?? OutputPaths.DefaultSuffix, StringComparison.OrdinalIgnoreCase)
               && !Path.GetFileName(path).StartsWith(".", StringComparison.Ordinal);

        /// <summary>
        /// The deepest folder that holds every one of the files (directly or below), compared by the
        /// operating system's path rules: the root under which a batch from a tree walk mirrors its folders.
        /// </summary>
        /// <returns>The common folder, or null for no files or files on different drives.</returns>
        public static string? CommonFolder(IEnumerable<string> files)
        {
            Throw.IfNull(files);
            string[]? common = null;
            foreach (var file in files)
            {
                var parts = Path.GetDirectoryName(Path.GetFullPath(file))!.Split(Path.DirectorySeparatorChar);
                if (common == null)
                {
                    common = parts;
                    continue;
                }

                var same = 0;
                while (same < common.Length && same < parts.Length && string.Equals(common[same], parts[same], OutputPaths.PathComparison))
                    same++;
                common = common.Take(same).ToArray();
            }

            if (common == null || common.Length == 0)
                return null;
            var joined = string.Join(Path.DirectorySeparatorChar.ToString(), common);
            return joined.Length == 0 || joined.EndsWith(":", StringComparison.Ordinal) ? joined + Path.DirectorySeparatorChar : joined;
        }
    }
}
