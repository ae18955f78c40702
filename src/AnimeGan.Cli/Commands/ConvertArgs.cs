using AnimeGan.Core.Batches;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.IO;
using AnimeGan.Core.Options;

namespace AnimeGan.Cli.Commands
{
    /// <summary>The validated settings of one `animegan convert` call: the photos to find and the batch options.</summary>
    internal sealed class ConvertArgs
    {
        private BatchOptions _batch;

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
            ModelsFolder = modelsFolder;
            _batch = new BatchOptions
            {
                Stylize = new StylizeOptions { Style = style, Strength = strength, MaxSize = maxSize, Upsampling = mode, Faces = faces, FaceStyle = faceStyle, FaceDetector = faceDetector, KeepColors = keepColors ? true : null },
                Output = new OutputOptions { Format = parsedFormat, Quality = quality, Overwrite = overwrite },
                Suffix = Suffix,
                Jobs = jobs,
                ParameterName = OptionName,
            };
            OptionLimits.Validate(_batch);
        }

        /// <summary>The command-line option for a setting of the engine's options (<c>MaxSize</c> is <c>--max-size</c>), so the engine's messages name what was typed.</summary>
        public static string OptionName(string setting) => "--" + string.Concat(setting.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

        public IReadOnlyList<string> Inputs { get; }

        /// <summary>Gets this worker's part of a shared batch; null for every photo.</summary>
        public Shard? Shard
        {
            get => _batch.Shard;
            init => _batch = _batch with { Shard = value };
        }

        /// <summary>Gets the precision asked for with --precision; null for the engine's choice per style and processor.</summary>
        public AnimeGan.Core.Precision? Precision
        {
            get => _batch.Stylize?.Precision;
            init => _batch = _batch with { Stylize = (_batch.Stylize ?? new StylizeOptions()) with { Precision = value } };
        }

        /// <summary>Reads --precision: auto, float or int8.</summary>
        /// <exception cref="ArgumentException">Any other word.</exception>
        public static AnimeGan.Core.Precision? ParsePrecision(string? text)
            => text == null ? null : AnimeGan.Core.PrecisionNames.Parse(text) ?? throw new ArgumentException($"--precision '{text}' is not one of auto, float, int8.");

        /// <summary>
        /// Gets whether photos that cannot be converted fail the run (exit 1). False (--fail-on-errors false) exits 0
        /// when every failure is the photo's own (damaged, unsupported, too large): an Indexed Job's shard then
        /// completes instead of retrying a photo no retry converts. A failure of the run itself still exits 1.
        /// </summary>
        public bool FailOnErrors { get; init; } = true;

        /// <summary>Gets the file the run's report goes to (--report): counts, and each photo not converted with its reason, as JSON.</summary>
        public string? ReportPath { get; init; }

        /// <summary>Gets whether to print the plan and convert nothing (--list).</summary>
        public bool ListOnly { get; init; }

        /// <summary>Gets whether photos whose output exists are left alone quietly (--skip-existing; always with a shard).</summary>
        public bool SkipExisting
        {
            get => _batch.SkipExisting;
            init => _batch = _batch with { SkipExisting = value };
        }

        /// <summary>Gets --out as given: a folder, or one output file for a single photo.</summary>
        public string? Output { get; }

        public string Suffix { get; }

        public bool Recurse { get; }

        public string? ModelsFolder { get; }

        /// <summary>Gets the batch settings; <see cref="BatchOptions.Destination"/> and <see cref="BatchOptions.OutputFile"/> are set once the photos are known.</summary>
        public BatchOptions Batch => _batch;

        public StylizeOptions Stylize => Batch.Stylize!;

        public OutputOptions Write => Batch.Output!;

        public int Jobs => Batch.Jobs!.Value;
    }
}
