using AnimeGan.Core.Video;

namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// Decides where each photo of a batch goes, one photo at a time (a pipeline hands them over one by one),
    /// and refuses a second photo that would write an output already claimed. Outputs are compared by the
    /// operating system's own rules: <c>A.jpg</c> and <c>a.jpg</c> are two files on Linux and one on Windows.
    /// </summary>
    internal sealed class OutputPlanner
    {
        private readonly BatchOptions _options;
        private readonly Dictionary<string, string> _claimed = new Dictionary<string, string>(OutputPaths.PathComparer);
        private readonly HashSet<string> _inputs = new HashSet<string>(OutputPaths.PathComparer);

        /// <summary>Creates a planner for one batch.</summary>
        /// <exception cref="AnimeGanException">The suffix holds characters no file name may have.</exception>
        public OutputPlanner(BatchOptions options)
        {
            _options = Throw.IfNull(options);
            if (options.Suffix != null && options.Suffix.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"The suffix '{options.Suffix}' contains characters not allowed in file names.");
        }

        /// <summary>Gets how many photos have been planned so far.</summary>
        public int Count => _inputs.Count;

        /// <summary>Plans the output of one photo and claims it.</summary>
        /// <returns>The plan, or null when this very photo was planned already (named twice, it is converted once).</returns>
        /// <exception cref="AnimeGanException">
        /// <see cref="AnimeGanErrorCode.DuplicateOutput"/>: another photo already writes that output;
        /// <see cref="AnimeGanErrorCode.InvalidOption"/>: a single output file was given for more than one photo.
        /// </exception>
        public PlannedConversion? Plan(BatchInput input)
        {
            Throw.IfNull(input);
            var source = Path.GetFullPath(input.Path);
            if (_inputs.Contains(source))
                return null;

            string output;
            if (_options.OutputFile != null)
            {
                if (_inputs.Count > 0)
                    throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"{_options.OutputFile} names one output file, but more than one photo is to be converted; give a folder.", _options.OutputFile);
                output = Path.GetFullPath(_options.OutputFile);
            }
            else
            {
                output = OutputPaths.ForInput(source, MirroredFolder(source, input.Root), _options.Suffix, _options.Output?.Format);
            }

            if (_claimed.TryGetValue(output, out var other))
                throw new AnimeGanException(AnimeGanErrorCode.DuplicateOutput, $"{source}: would write {output}, which {other} also writes; skipped.", source);

            _claimed[output] = source;
            _inputs.Add(source);
            return new PlannedConversion(source, output, StillFormatForVideo(source, output));
        }

        /// <summary>A still-image format asked of a video: the clip stays a video, and the user is told so before it runs.</summary>
        private string? StillFormatForVideo(string source, string output)
        {
            if (_options.Output?.Format is not RasterFormat format || !VideoFiles.IsVideo(source))
                return null;
            return $"{source} is a video: it is written as {Path.GetExtension(output).TrimStart('.').ToUpperInvariant()}, not {RasterFormats.Extension(format).TrimStart('.').ToUpperInvariant()}; the output format applies to photos and animations only.";
        }

        /// <summary>The destination folder, extended by the photo's own folders below its root.</summary>
        private string? MirroredFolder(string source, string? root)
        {
            var destination = _options.Destination;
            if (destination == null || root == null)
                return destination;
            var rootFolder = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var folder = Path.GetDirectoryName(source)! + Path.DirectorySeparatorChar;
            if (!folder.StartsWith(rootFolder, OutputPaths.PathComparison) || folder.Length == rootFolder.Length)
                return destination;
            return Path.Combine(destination, folder.Substring(rootFolder.Length).TrimEnd(Path.DirectorySeparatorChar));
        }
    }
}
