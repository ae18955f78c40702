using System.Globalization;
using System.Management.Automation;
using AnimeGan.Core;
using AnimeGan.Core.Batches;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.IO;
using AnimeGan.Core.Models;
using AnimeGan.Core.Options;

namespace AnimeGan.PowerShell.Cmdlets
{
    /// <summary>
    /// Convert-ToAnime: maps parameters to the engine's batch options, plans each piped photo's output and
    /// asks ShouldProcess for it, then lets the engine's batch service run them and presents its outcomes
    /// as records, errors and progress on the pipeline thread.
    /// </summary>
    [Cmdlet(VerbsData.Convert, "ToAnime", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.ConvertToAnime)]
    [Alias("ConvertTo-Anime")]
    [OutputType(typeof(ConversionRecord))]
    public class ConvertToAnimeCommand : CancellableCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private readonly List<string> _photos = new List<string>();
        private readonly List<(string? Style, double Strength)> _settings = new List<(string? Style, double Strength)>();
        private readonly List<PlannedConversion> _work = new List<PlannedConversion>();
        private BatchOptions? _options;
        private string? _modelsFolder;
        private BatchProgressView? _progress;

        /// <summary>Gets or sets photos to convert; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Gets or sets photos to convert, taken literally (no wildcards); binds Get-ChildItem output.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>
        /// Gets or sets the style id (tab completes the installed styles). Also bound from a piped object's Style
        /// property (a CSV's Style column), so each photo can have its own.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(StyleCompleter))]
        public string? Style { get; set; }

        /// <summary>Gets or sets how much of the style to apply, 0 (original) to 1 (full); also bound from a piped object's Strength property.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(OptionLimits.MinStrength, OptionLimits.MaxStrength)]
        public double Strength { get; set; } = OptionLimits.MaxStrength;

        /// <summary>Gets or sets whether to skip stylizing faces at their own scale.</summary>
        [Parameter]
        public SwitchParameter NoFaceEnhancement { get; set; }

        /// <summary>
        /// Gets or sets which arithmetic the style runs in: Auto (the engine's verdict for this processor, INT8 where
        /// it is faster and looks the same), Float or Int8. A string, not the engine's enum: PowerShell reads every
        /// parameter's type as the module is imported, before the engine's assembly is loaded.
        /// </summary>
        [Parameter]
        [ValidateSet("Auto", "Float", "Int8", IgnoreCase = true)]
        public string Precision { get; set; } = "Auto";

        /// <summary>Gets or sets the style faces are drawn in as its model draws them (for example jp-face); by default faces take -Style with smoothed skin kept near the photo's tone.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(StyleCompleter))]
        public string? FaceStyle { get; set; }

        /// <summary>Gets or sets whether the photo keeps its own colours and takes only the style's light and lines.</summary>
        [Parameter]
        public SwitchParameter KeepColors { get; set; }

        /// <summary>Gets or sets the folder for outputs; default: beside each photo.</summary>
        [Parameter]
        public string? Destination { get; set; }

        /// <summary>
        /// Gets or sets the folder whose sub-folders are mirrored under -Destination; default: the deepest folder the
        /// photos share. Give it when retrying some photos of a tree (the TargetObject of earlier errors), so their
        /// outputs land where the whole tree's did.
        /// </summary>
        [Parameter]
        public string? SourceRoot { get; set; }

        /// <summary>Gets or sets whether photos whose output exists are left alone (and said so with -Verbose) instead of refused.</summary>
        [Parameter]
        public SwitchParameter SkipExisting { get; set; }

        /// <summary>Gets or sets the text added to output names.</summary>
        [Parameter]
        public string Suffix { get; set; } = OutputPaths.DefaultSuffix;

        /// <summary>Gets or sets the output format; default: the photo's own.</summary>
        [Parameter]
        [ValidateSet("jpg", "jpeg", "png", "webp", "tif", "tiff", "bmp", "gif", IgnoreCase = true)]
        public string? Format { get; set; }

        /// <summary>Gets or sets the JPEG/WebP quality.</summary>
        [Parameter]
        [ValidateRange(OptionLimits.MinQuality, OptionLimits.MaxQuality)]
        public int Quality { get; set; } = ImageEncoder.DefaultJpegQuality;

        /// <summary>Gets or sets the long side the model runs at; the output keeps full resolution.</summary>
        [Parameter]
        [ValidateRange(OptionLimits.MinWorkingSize, OptionLimits.MaxWorkingSize)]
        public int MaxSize { get; set; } = AnimeGanEngine.DefaultMaxSize;

        /// <summary>Gets or sets whether existing outputs may be replaced (never the input).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Gets or sets how many photos are converted at once.</summary>
        [Parameter]
        [ValidateRange(OptionLimits.MinJobs, OptionLimits.MaxJobs)]
        public int ThrottleLimit { get; set; } = BatchDefaults.Jobs;

        /// <summary>
        /// Gets or sets this worker's part of photos that several machines share, as K/N (worker K of N, from 0);
        /// photos whose output exists are skipped, so a worker started again does only what is missing.
        /// </summary>
        [Parameter]
        public string? Shard { get; set; }

        /// <summary>Gets or sets the models folder; default: $env:ANIMEGAN_MODELS, else the per-user folder.</summary>
        [Parameter]
        public string? ModelsPath { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _modelsFolder = ProviderPaths.FileSystemFolder(this, ModelsPath, nameof(ModelsPath));
            _options = new BatchOptions
            {
                Stylize = new StylizeOptions
                {
                    Style = Style,
                    Strength = Strength,
                    MaxSize = MaxSize,
                    Faces = NoFaceEnhancement ? false : (bool?)null,
                    FaceStyle = FaceStyle,
                    KeepColors = KeepColors ? true : (bool?)null,
                    Precision = PrecisionNames.Parse(Precision) is AnimeGan.Core.Precision parsed && parsed != AnimeGan.Core.Precision.Auto ? parsed : null,
                },
                Output = new OutputOptions
                {
                    Format = Format == null ? (RasterFormat?)null : RasterFormats.Parse(Format),
                    Quality = Quality,
                    Overwrite = Force,
                },
                Destination = DestinationFolder(),
                Suffix = Suffix,
                SkipExisting = SkipExisting,
                Jobs = ThrottleLimit,
                Shard = ParseShard(),
                ParameterName = option => option == nameof(BatchOptions.Jobs) ? "-" + nameof(ThrottleLimit) : "-" + option,
            };
        }

        /// <summary>The -Destination folder; a file of that name is refused in words, before any photo is read.</summary>
        private string? DestinationFolder()
        {
            var folder = ProviderPaths.FileSystemFolder(this, Destination, nameof(Destination));
            if (folder != null && File.Exists(folder))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"-Destination '{Destination}' is a file; give a folder (each output keeps its photo's name with the suffix)."),
                    "DestinationIsAFile",
                    ErrorCategory.InvalidArgument,
                    Destination));
            }

            return folder;
        }

        private Core.Batches.Shard? ParseShard()
        {
            try
            {
                return Shard == null ? null : Core.Batches.Shard.Parse(Shard);
            }
            catch (AnimeGanException ex)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-Shard: {ex.Message}", ex), "InvalidShard", ErrorCategory.InvalidArgument, Shard));
                return null;
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            // The style and strength as bound for this input: the command line's, or the piped object's own.
            foreach (var photo in ProviderPaths.ResolveFiles(this, ParameterSetName == LiteralPathSet ? LiteralPath : Path, ParameterSetName == LiteralPathSet))
            {
                _photos.Add(photo);
                _settings.Add((Style, Strength));
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            try
            {
                // One batch per style and strength the inputs asked for (one, unless piped rows carry their own),
                // in the order they first appear; outputs are mirrored from the folder all the photos share.
                var root = _options!.Destination == null ? null : ProviderPaths.FileSystemFolder(this, SourceRoot, nameof(SourceRoot)) ?? PhotoFolders.CommonFolder(_photos);
                var batches = _photos.Select((photo, i) => (Photo: photo, Settings: _settings[i])).GroupBy(p => p.Settings).ToList();
                foreach (var batch in batches)
                {
                    var options = _options with { Stylize = _options.Stylize! with { Style = batch.Key.Style, Strength = batch.Key.Strength } };
                    _work.Clear();
                    Plan(batch.Select(p => new BatchInput(p.Photo, root)).ToList(), options);
                    if (_work.Count > 0)
                    {
                        _progress = new BatchProgressView(this, _work.Count);
                        Present(Run(new ConvertRequest(_modelsFolder, _work.ToList(), options)));
                    }
                }
            }
            finally
            {
                base.EndProcessing();
            }
        }

        /// <summary>
        /// Names every output once all photos are known: with -Destination, photos from several folders (a
        /// Get-ChildItem -Recurse) keep their folders below the one they share, so same-named photos stay apart.
        /// The engine checks the styles and finds the outputs that exist before ShouldProcess is asked, so
        /// -WhatIf and -Confirm speak of what the real run will do, in the style it will run.
        /// </summary>
        private void Plan(IReadOnlyList<BatchInput> inputs, BatchOptions options)
        {
            BatchPlan plan;
            try
            {
                plan = BatchConverter.Plan(inputs, options, new ModelStore(_modelsFolder));
            }
            catch (AnimeGanException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ex.ModelId ?? Suffix));
                return;
            }

            var whatIf = IsWhatIf();
            foreach (var refused in plan.Refused)
            {
                if (whatIf)
                {
                    var reason = $"Skip '{refused.InputPath}': {ErrorRecords.From(refused.Error!, refused.InputPath).Exception.Message}";
                    ShouldProcess(reason, reason, MyInvocation.MyCommand.Name);
                }
                else
                    WriteError(ErrorRecords.From(refused.Error!, refused.InputPath));
            }

            foreach (var skipped in plan.Skipped)
                WriteVerbose($"{skipped.InputPath}: skipped, {skipped.OutputPath} exists");
            foreach (var ignored in plan.Ignored)
                WriteVerbose(ignored.Reason);
            if (plan.Ignored.Count > 0 && plan.Conversions.Count == 0 && plan.Refused.Count == 0 && plan.Skipped.Count == 0)
                WriteWarning(plan.Ignored.Count == 1 ? plan.Ignored[0].Reason : $"{plan.Ignored.Count} files are this tool's own outputs and were not converted again, for example {plan.Ignored[0].Reason}");
            foreach (var planned in plan.Conversions)
            {
                if (planned.Note != null)
                    WriteWarning(planned.Note);
                if (ShouldProcess(planned.OutputPath, $"Convert '{planned.InputPath}' to anime style '{plan.Style}'"))
                    _work.Add(planned);
            }
        }

        /// <summary>Whether this is a dry run (-WhatIf, or $WhatIfPreference), where a refusal is a "What if" line rather than an error.</summary>
        private bool IsWhatIf()
            => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value)
                ? LanguagePrimitives.IsTrue(value)
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>
        /// Runs the planned batch through the engine's batch service. A binding test derives a recorder that
        /// overrides this, to see how parameters map to options without running a model.
        /// </summary>
        internal virtual IEnumerable<BatchOutcome> Run(ConvertRequest request)
        {
            var engine = EngineCache.For(request.ModelsFolder, Math.Min(ThrottleLimit, request.Conversions.Count));
            try
            {
                return new BatchConverter(engine).Run(request.Conversions, request.Options, _progress, CancellationToken);
            }
            catch (AnimeGanException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ex.ModelId ?? Style));
                throw;
            }
        }

        /// <summary>Removes an output written for a record that never reached the pipeline.</summary>
        private static void TakeBack(string outputPath)
        {
            try
            {
                File.Delete(outputPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Left where it is: a later run sees it exists (and -SkipExisting keeps it).
            }
        }

        /// <summary>What ran for one photo, for -Verbose: the style, the size the model ran at, the faces and the time.</summary>
        private static string Describe(ConversionResult result)
            => string.Format(
                CultureInfo.InvariantCulture,
                "{0}: style {1} ({10}) at {2}x{3}{4}, {5} {6} found{9}, {7:0.00} s; wrote {8}",
                result.SourcePath,
                result.Style,
                result.WorkingWidth,
                result.WorkingHeight,
                result.Frames > 1 ? $", {result.Frames} frames" : "",
                result.FacesFound,
                result.FacesFound == 1 ? "face" : "faces",
                result.Duration.TotalSeconds,
                result.OutputPath,
                result.FacesNotEnhanced == 0 ? "" : $" and enhanced, {result.FacesNotEnhanced} smaller left in the scene style ({AnimeGanEngine.MaxEnhancedFaces} is the most per picture)",
                result.Precision == AnimeGan.Core.Precision.Int8 ? "int8" : "float");

        /// <summary>
        /// Writes each outcome as it comes, in input order. A downstream stop (<c>-ErrorAction Stop</c>, <c>Select-Object -First</c>)
        /// throws out of the loop, which ends the batch: the engine cancels what runs and removes what nobody took.
        /// A photo whose file was written but whose record could not be handed on (the pipeline stopped in between)
        /// has its file removed too: after a stop, every output on disk has its record, so a script that retries what
        /// it was not told about finds nothing half-known.
        /// </summary>
        private void Present(IEnumerable<BatchOutcome> outcomes)
        {
            try
            {
                foreach (var outcome in outcomes)
                {
                    if (outcome.Result is ConversionResult result)
                    {
                        try
                        {
                            _progress!.Done(outcome);
                            WriteVerbose(Describe(result));
                            if (result.FacesNotEnhanced > 0)
                                WriteWarning($"{result.SourcePath}: {result.FacesFound} faces enhanced; {result.FacesNotEnhanced} smaller ones kept the scene style ({AnimeGanEngine.MaxEnhancedFaces} is the most per picture).");
                            if (Stopping)
                                throw new PipelineStoppedException();
                        }
                        catch (PipelineStoppedException)
                        {
                            // The pipeline is stopping: the record cannot go anywhere, so neither may its file stay.
                            TakeBack(result.OutputPath);
                            throw;
                        }

                        // Once handed on, the record is the caller's, even if a downstream Select-Object -First stops
                        // the pipeline from inside this call: that file stays.
                        WriteObject(ConversionRecord.From(result));
                    }
                    else
                    {
                        _progress!.Done(outcome);
                        WriteError(ErrorRecords.From(outcome.Error!, outcome.InputPath));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                _progress!.Complete();
            }
        }
    }
}
