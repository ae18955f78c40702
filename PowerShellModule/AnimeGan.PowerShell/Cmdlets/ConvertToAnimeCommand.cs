using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AnimeGan.Core;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.Options;

namespace AnimeGan.PowerShell.Cmdlets
{
    /// <summary>
    /// Convert-ToAnime: maps parameters to engine options, asks ShouldProcess for each output, then converts
    /// the collected photos (several at once with -ThrottleLimit) while the pipeline thread reports progress,
    /// results and per-file errors.
    /// </summary>
    [Cmdlet(VerbsData.Convert, "ToAnime", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [Alias("ConvertTo-Anime")]
    [OutputType(typeof(ConversionRecord))]
    public sealed class ConvertToAnimeCommand : CancellableCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private readonly List<(string Input, string Output)> _work = new List<(string, string)>();
        private readonly HashSet<string> _plannedOutputs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private string? _destination;

        /// <summary>Gets or sets photos to convert; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Gets or sets photos to convert, taken literally (no wildcards); binds Get-ChildItem output.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Gets or sets the style id (tab completes the installed styles).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(StyleCompleter))]
        public string? Style { get; set; }

        /// <summary>Gets or sets how much of the style to apply, 0 (original) to 1 (full).</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double Strength { get; set; } = 1.0;

        /// <summary>Gets or sets whether to skip stylizing faces at their own scale.</summary>
        [Parameter]
        public SwitchParameter NoFaceEnhancement { get; set; }

        /// <summary>Gets or sets the style for faces (for example jp-face); default: -Style.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(StyleCompleter))]
        public string? FaceStyle { get; set; }

        /// <summary>Gets or sets whether the photo keeps its own colours and takes only the style's light and lines.</summary>
        [Parameter]
        public SwitchParameter KeepColors { get; set; }

        /// <summary>Gets or sets the folder for outputs; default: beside each photo.</summary>
        [Parameter]
        public string? Destination { get; set; }

        /// <summary>Gets or sets the text added to output names.</summary>
        [Parameter]
        public string Suffix { get; set; } = OutputPaths.DefaultSuffix;

        /// <summary>Gets or sets the output format; default: the photo's own.</summary>
        [Parameter]
        [ValidateSet("jpg", "png", "webp", "tif", "bmp", "gif", IgnoreCase = true)]
        public string? Format { get; set; }

        /// <summary>Gets or sets the JPEG/WebP quality.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int Quality { get; set; } = ImageEncoder.DefaultJpegQuality;

        /// <summary>Gets or sets the long side the model runs at; the output keeps full resolution.</summary>
        [Parameter]
        [ValidateRange(64, 8192)]
        public int MaxSize { get; set; } = AnimeGanEngine.DefaultMaxSize;

        /// <summary>Gets or sets whether existing outputs may be replaced (never the input).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Gets or sets how many photos are converted at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = BatchDefaults.Jobs;

        /// <summary>Gets or sets the models folder; default: $env:ANIMEGAN_MODELS, else the per-user folder.</summary>
        [Parameter]
        public string? ModelsPath { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Destination != null)
                _destination = GetUnresolvedProviderPathFromPSPath(Destination);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (var file in ProviderPaths.ResolveFiles(this, ParameterSetName == LiteralPathSet ? LiteralPath : Path, ParameterSetName == LiteralPathSet))
            {
                var format = Format == null ? (RasterFormat?)null : RasterFormats.Parse(Format);
                var output = OutputPaths.ForInput(file, _destination, Suffix, format);
                if (!_plannedOutputs.Add(output))
                {
                    WriteError(new ErrorRecord(new IOException($"{file}: would write {output}, which another input also writes; skipped."), "DuplicateOutput", ErrorCategory.ResourceExists, file));
                    continue;
                }

                if (ShouldProcess(output, $"Convert '{file}' to anime style ({Style ?? "default style"})"))
                    _work.Add((file, output));
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            try
            {
                if (_work.Count == 0)
                    return;
                var engine = EngineCache.For(ModelsPath, Math.Min(ThrottleLimit, _work.Count));
                if (Strength > 0)
                {
                    try
                    {
                        engine.LoadStyle(Style);
                        if (FaceStyle != null)
                            engine.LoadStyle(FaceStyle);
                    }
                    catch (AnimeGanException ex)
                    {
                        ThrowTerminatingError(ErrorRecords.From(ex, Style));
                    }
                }

                Convert(engine);
            }
            finally
            {
                base.EndProcessing();
            }
        }

        private void Convert(AnimeGanEngine engine)
        {
            var options = new StylizeOptions
            {
                Style = Style,
                Strength = Strength,
                MaxSize = MaxSize,
                Faces = NoFaceEnhancement ? false : (bool?)null,
                FaceStyle = FaceStyle,
                KeepColors = KeepColors ? true : (bool?)null,
            };
            var output = new OutputOptions
            {
                Format = Format == null ? (RasterFormat?)null : RasterFormats.Parse(Format),
                Quality = Quality,
                Overwrite = Force,
            };

            var token = CancellationToken;
            var results = new BlockingCollection<(string Input, ConversionResult? Result, Exception? Error)>();
            var worker = Task.Run(() =>
            {
                try
                {
                    Parallel.ForEach(_work, new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit, CancellationToken = token }, item =>
                    {
                        try
                        {
                            results.Add((item.Input, engine.Convert(item.Input, item.Output, options, output, token), null));
                        }
                        catch (AnimeGanException ex)
                        {
                            results.Add((item.Input, null, ex));
                        }
                        catch (OperationCanceledException)
                        {
                            // Stopped: the engine removed its temporary file; nothing to report.
                        }
                    });
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    results.CompleteAdding();
                }
            });

            var done = 0;
            var progress = new ProgressRecord(1, "Converting to anime", "Starting") { PercentComplete = 0 };
            WriteProgress(progress);
            foreach (var (input, result, error) in results.GetConsumingEnumerable())
            {
                done++;
                progress.StatusDescription = $"{done} of {_work.Count}: {System.IO.Path.GetFileName(input)}";
                progress.PercentComplete = done * 100 / _work.Count;
                WriteProgress(progress);
                if (result != null)
                {
                    WriteObject(new ConversionRecord(result.SourcePath, result.OutputPath, result.Style, result.Strength, result.FacesFound, result.Width, result.Height, result.Duration));
                }
                else if (error is AnimeGanException failure)
                {
                    WriteError(ErrorRecords.From(failure, input));
                }
            }

            worker.Wait();
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            if (token.IsCancellationRequested)
                throw new PipelineStoppedException();
        }
    }
}
