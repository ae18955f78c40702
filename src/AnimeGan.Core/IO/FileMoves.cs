namespace AnimeGan.Core.IO
{
    /// <summary>
    /// The last step of every write: a complete temporary file in the target's folder is renamed over the
    /// target, so readers see either the old file or the new one, never half of one.
    /// </summary>
    internal static class FileMoves
    {
        /// <summary>
        /// A fresh temporary name beside <paramref name="target"/> (same folder, so the final rename cannot cross
        /// volumes), hidden with a leading dot so folder scans and users' file views pass over it.
        /// </summary>
        public static string TemporaryPathFor(string target)
            => Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + "." + System.Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");

        /// <summary>
        /// Removes the temporary files of <paramref name="target"/> that an earlier run left when it was killed
        /// (a kill gives no chance to clean up). Only safe where no other process writes that target now, as
        /// with a shard, which alone owns its outputs.
        /// </summary>
        public static void RemoveStaleTemporaries(string target)
        {
            var folder = Path.GetDirectoryName(target)!;
            if (!Directory.Exists(folder))
                return;
            foreach (var stale in Directory.EnumerateFiles(folder, "." + Path.GetFileName(target) + ".*.tmp"))
                TryDelete(stale);
        }

        /// <summary>Renames <paramref name="temporary"/> to <paramref name="target"/>, replacing it if present.</summary>
        public static void Replace(string temporary, string target)
        {
#if NETSTANDARD2_0
            if (File.Exists(target))
                File.Replace(temporary, target, null, ignoreMetadataErrors: true);
            else
                File.Move(temporary, target);
#else
            File.Move(temporary, target, overwrite: true);
#endif
        }

        /// <summary>
        /// Renames <paramref name="temporary"/> to <paramref name="target"/> only if no file is there; the
        /// runtime's move fails rather than replace, so two writers racing for one name cannot both win.
        /// </summary>
        /// <exception cref="IOException">The target exists.</exception>
        public static void MoveNew(string temporary, string target) => File.Move(temporary, target);

        /// <summary>Removes a leftover temporary file; a file that cannot be removed is left rather than failing the caller.</summary>
        public static void TryDelete(string path)
        {
            try
            {
                if (File.Exists(path))
                    File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (System.UnauthorizedAccessException)
            {
            }
        }

    }
}
