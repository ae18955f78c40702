using System;
using System.IO;
using System.Runtime.InteropServices;
using AnimeGan.Core.Imaging;

namespace AnimeGan.Core
{
    /// <summary>
    /// Names output files the same way in every front end: beside the photo (or in a destination folder),
    /// with a suffix, in the chosen format's extension.
    /// </summary>
    public static class OutputPaths
    {
        /// <summary>The suffix added to a photo's name when no output name is given.</summary>
        public const string DefaultSuffix = "_anime";

        /// <summary>Plans where the result of one input goes.</summary>
        /// <param name="inputPath">The photo.</param>
        /// <param name="destinationFolder">A folder for outputs; null for the photo's own folder.</param>
        /// <param name="suffix">Added before the extension; null for <see cref="DefaultSuffix"/>.</param>
        /// <param name="format">The output format; null keeps the input's extension (.jpg for HEIC, AVIF and unknown ones, which the engine does not write everywhere).</param>
        public static string ForInput(string inputPath, string? destinationFolder = null, string? suffix = null, RasterFormat? format = null)
        {
            Throw.IfNullOrEmpty(inputPath);
            var full = Path.GetFullPath(inputPath);
            var folder = destinationFolder == null ? Path.GetDirectoryName(full)! : Path.GetFullPath(destinationFolder);
            var extension = format != null
                ? RasterFormats.Extension(format.Value)
                : RasterFormats.FromExtension(full) is RasterFormat known && known != RasterFormat.Heic && known != RasterFormat.Avif
                    ? Path.GetExtension(full)
                    : ".jpg";
            return Path.Combine(folder, Path.GetFileNameWithoutExtension(full) + (suffix ?? DefaultSuffix) + extension);
        }

        /// <summary>True when two full paths name the same file (case-insensitively on Windows and macOS).</summary>
        public static bool SamePath(string first, string second)
        {
            var comparison = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            return string.Equals(Path.GetFullPath(first), Path.GetFullPath(second), comparison);
        }
    }
}
