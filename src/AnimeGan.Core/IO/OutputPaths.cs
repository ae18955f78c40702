using System.Runtime.InteropServices;

namespace AnimeGan.Core.IO
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
            var extension = Video.VideoFiles.IsVideo(full)
                ? Video.VideoFiles.OutputExtension(full)
                : format != null
                ? RasterFormats.Extension(format.Value)
                : RasterFormats.FromExtension(full) is RasterFormat known && known != RasterFormat.Heic && known != RasterFormat.Avif
                    ? Path.GetExtension(full)
                    : ".jpg";
            return Path.Combine(folder, Path.GetFileNameWithoutExtension(full) + (suffix ?? DefaultSuffix) + extension);
        }

        /// <summary>
        /// Gets how this operating system compares file paths: ordinal on Linux, ignoring case on Windows and
        /// macOS (their default file systems), so collisions are found exactly where files would collide.
        /// </summary>
        public static StringComparison PathComparison { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

        /// <summary>Gets a comparer for file paths by <see cref="PathComparison"/>, for sets and maps of outputs.</summary>
        public static StringComparer PathComparer { get; } = PathComparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

        /// <summary>True when two paths name the same file by <see cref="PathComparison"/>.</summary>
        public static bool SamePath(string first, string second)
            => string.Equals(Path.GetFullPath(first), Path.GetFullPath(second), PathComparison);

        /// <summary>
        /// Whether an output argument names one file rather than a folder: it has an image extension and is
        /// not an existing folder (<c>-o art.png</c> against <c>-o anime</c>).
        /// </summary>
        public static bool NamesAFile(string? output)
            => output != null && !Directory.Exists(output) && RasterFormats.FromExtension(output) != null;
    }
}
