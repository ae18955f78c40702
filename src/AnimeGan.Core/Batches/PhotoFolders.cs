using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AnimeGan.Core.Imaging;

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
    }
}
