using System;
using System.Collections.Generic;
using AnimeGan.Core;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.Options;

namespace AnimeGan.Cli.Commands
{
    /// <summary>The validated settings of one `animegan convert` call.</summary>
    internal sealed class ConvertArgs
    {
        public ConvertArgs(
            IReadOnlyList<string> inputs,
            string? style,
            double strength,
            string? output,
            string? suffix,
            string? format,
            int? quality,
            int? maxSize,
            bool overwrite,
            bool recurse,
            int jobs,
            string? upsampling,
            bool? faces,
            string? faceStyle,
            string? faceDetector,
            bool keepColors,
            string? modelsFolder)
        {
            if (inputs.Count == 0)
                throw new ArgumentException("Give at least one file, folder or pattern to convert.");
            if (double.IsNaN(strength) || strength < 0 || strength > 1)
                throw new ArgumentException($"--strength must be between 0 and 1, not {strength}.");
            if (quality is int q && (q < 1 || q > 100))
                throw new ArgumentException($"--quality must be between 1 and 100, not {q}.");
            if (maxSize is int m && m < 16)
                throw new ArgumentException($"--max-size must be at least 16 pixels, not {m}.");
            if (jobs < 1 || jobs > 64)
                throw new ArgumentException($"--jobs must be between 1 and 64, not {jobs}.");
            if (suffix != null && suffix.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
                throw new ArgumentException($"--suffix '{suffix}' contains characters not allowed in file names.");

            RasterFormat? parsedFormat = null;
            if (format != null)
            {
                parsedFormat = RasterFormats.Parse(format)
                    ?? throw new ArgumentException($"--format '{format}' is not one of jpg, png, webp, tif, bmp, gif.");
            }

            UpsamplingMode? mode = null;
            if (upsampling != null)
            {
                mode = Enum.TryParse<UpsamplingMode>(upsampling, ignoreCase: true, out var parsed)
                    ? parsed
                    : throw new ArgumentException($"--upsampling '{upsampling}' is not one of guided, lanczos.");
            }

            Inputs = inputs;
            Output = output;
            Suffix = suffix ?? OutputPaths.DefaultSuffix;
            Recurse = recurse;
            Jobs = jobs;
            ModelsFolder = modelsFolder;
            Stylize = new StylizeOptions { Style = style, Strength = strength, MaxSize = maxSize, Upsampling = mode, Faces = faces, FaceStyle = faceStyle, FaceDetector = faceDetector, KeepColors = keepColors ? true : null };
            Write = new OutputOptions { Format = parsedFormat, Quality = quality, Overwrite = overwrite };
        }

        public IReadOnlyList<string> Inputs { get; }

        public string? Output { get; }

        public string Suffix { get; }

        public bool Recurse { get; }

        public int Jobs { get; }

        public string? ModelsFolder { get; }

        public StylizeOptions Stylize { get; }

        public OutputOptions Write { get; }
    }
}
