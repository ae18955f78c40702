namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// Recognises this tool's own outputs among a batch's inputs, so that running a batch again over the same
    /// files (a folder, a pattern, Get-ChildItem piped in, a restarted shard) converts the photos it missed, not
    /// the results of the last run: a name ending in the batch's suffix, or a file inside the batch's destination
    /// where that destination lies below the photos' own folder, or a picture whose EXIF says this tool wrote it
    /// (an output renamed).
    /// </summary>
    internal static class OwnOutputs
    {
        /// <summary>Why an input is one of this tool's outputs, or null when it is a photo to convert.</summary>
        public static string? Reason(BatchInput input, BatchOptions options)
        {
            var path = Path.GetFullPath(input.Path);
            var suffix = options.Suffix ?? OutputPaths.DefaultSuffix;
            if (suffix.Length > 0 && Path.GetFileNameWithoutExtension(path).EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return $"{path}: an output of this tool (its name ends in {suffix}); not converted again.";
            if (options.Destination is string destination && input.Root is string root
                && IsBelow(Path.GetFullPath(destination), Path.GetFullPath(root)) && IsBelow(path, Path.GetFullPath(destination)))
                return $"{path}: inside the destination {Path.GetFullPath(destination)}, where this tool's outputs go; not converted again.";
            if (WrittenByThisTool(path))
                return $"{path}: an output of this tool (its EXIF says so); not converted again.";
            return null;
        }

        /// <summary>Whether a picture's EXIF names this tool as the software that made it (the header and profiles are read, not the pixels).</summary>
        private static bool WrittenByThisTool(string path)
        {
            if (RasterFormats.FromExtension(path) == null || !File.Exists(path))
                return false;
            try
            {
                using var image = new ImageMagick.MagickImage();
                image.Ping(path);
                return image.GetExifProfile()?.GetValue(ImageMagick.ExifTag.Software)?.Value == Imaging.ImageEncoder.OutputMarker;
            }
            catch (ImageMagick.MagickException)
            {
                return false; // not readable: the batch will say why when it tries the photo
            }
        }

        /// <summary>Whether <paramref name="path"/> lies strictly inside <paramref name="folder"/>, by the operating system's path rules.</summary>
        private static bool IsBelow(string path, string folder)
        {
            var prefix = folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return path.Length > prefix.Length && path.StartsWith(prefix, OutputPaths.PathComparison);
        }
    }
}
