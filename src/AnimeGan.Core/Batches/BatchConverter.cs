namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// Converts many photos for any front end: plans outputs, checks models once, runs photos in parallel,
    /// reports progress and hands back one outcome per photo. Front ends only translate their settings into
    /// <see cref="BatchOptions"/> and present what comes back, so the command line, the cmdlets and the web
    /// page behave alike.
    /// </summary>
    public sealed class BatchConverter
    {
        private readonly AnimeGanEngine _engine;

        /// <summary>Creates a batch service over an engine (whose loaded models it shares).</summary>
        public BatchConverter(AnimeGanEngine engine) => _engine = Throw.IfNull(engine);

        /// <summary>
        /// Plans a whole batch at once, before any photo runs, so a dry run says what the real run will do: the
        /// style that will run, each photo's output, and the photos refused because another photo writes the
        /// same output or because the output exists and may not be replaced.
        /// </summary>
        /// <param name="inputs">The photos, in the order their outcomes should come back.</param>
        /// <param name="options">The batch's settings; their ranges are checked here.</param>
        /// <param name="store">Where the models are: each model the settings name must be a known model of the right kind, and installed.</param>
        /// <exception cref="AnimeGanException">
        /// An option is invalid (a bad suffix, a value out of range, one output file for several photos), or a
        /// named model is unknown, of the wrong kind or not installed (see <see cref="AnimeGanException.ModelId"/>).
        /// </exception>
        public static BatchPlan Plan(IEnumerable<BatchInput> inputs, BatchOptions options, ModelStore store)
        {
            Throw.IfNull(inputs);
            Throw.IfNull(options);
            Throw.IfNull(store);
            var stylize = options.Stylize ?? new StylizeOptions();
            OptionLimits.Validate(options);
            var style = OptionLimits.Validate(stylize, store, options.ParameterName);
            // Every photo is planned, whichever worker takes it, so an output two photos would write is refused
            // on every worker alike; then each worker keeps its own part.
            var shard = options.Shard;
            var skipExisting = options.SkipExisting || shard != null;
            var planner = new OutputPlanner(options);
            var conversions = new List<PlannedConversion>();
            var refused = new List<BatchOutcome>();
            var skipped = new List<PlannedConversion>();
            var ignored = new List<IgnoredInput>();
            foreach (var input in inputs)
            {
                if (OwnOutputs.Reason(input, options) is string reason)
                {
                    ignored.Add(new IgnoredInput(Path.GetFullPath(input.Path), reason));
                    continue;
                }

                try
                {
                    if (planner.Plan(input) is not PlannedConversion planned || (shard != null && !shard.Takes(input)))
                        continue;
                    if (options.Output?.Overwrite == true || !System.IO.File.Exists(planned.OutputPath))
                        conversions.Add(planned);
                    else if (skipExisting)
                        skipped.Add(planned);
                    else
                        refused.Add(new BatchOutcome(planned.InputPath, null, null, StagedFile.Exists(planned.OutputPath)));
                }
                catch (AnimeGanException ex) when (ex.Code == AnimeGanErrorCode.DuplicateOutput)
                {
                    if (shard == null || shard.Takes(input))
                        refused.Add(new BatchOutcome(ex.Path ?? input.Path, null, null, ex));
                }
            }

            return new BatchPlan(style, conversions, refused, skipped, ignored);
        }

        /// <summary>
        /// Checks the settings and loads every model the batch will need, so a missing or damaged model is
        /// one clear error before any photo starts rather than the same error once per photo.
        /// </summary>
        /// <exception cref="AnimeGanException">An option is out of range, or a model is unknown, missing or damaged (see <see cref="AnimeGanException.ModelId"/>).</exception>
        public void Prepare(BatchOptions options)
        {
            Throw.IfNull(options);
            var stylize = options.Stylize ?? new StylizeOptions();
            OptionLimits.Validate(options);
            OptionLimits.Validate(stylize, _engine.Store, options.ParameterName);
            if ((stylize.Strength ?? OptionLimits.MaxStrength) == 0)
                return;

            _engine.LoadStyle(stylize.Style);
            if (stylize.Faces == false)
                return;
            if (stylize.FaceStyle != null)
                _engine.LoadStyle(stylize.FaceStyle);
            if (stylize.Faces == true)
                _engine.LoadFaceDetector(stylize.FaceDetector);
        }

        /// <summary>
        /// Runs planned conversions, at most <see cref="BatchOptions.Jobs"/> at once, and yields one outcome per
        /// photo, in input order (or as each finishes, with <see cref="BatchOptions.InCompletionOrder"/>). An output is renamed into place only when its outcome is taken, so a caller
        /// that stops early (a <c>break</c>, an exception, PowerShell's <c>Select-Object -First</c>) leaves exactly
        /// the outputs it was told about: no new photo starts, running ones are cancelled, temporary files are
        /// removed, and disposing the enumeration returns only after all its work has ended.
        /// </summary>
        /// <param name="conversions">What to convert (from <see cref="Plan"/>).</param>
        /// <param name="options">The batch's settings; checked here, with its models, before anything runs.</param>
        /// <param name="progress">Told each photo's stages, on the thread that enumerates the outcomes.</param>
        /// <param name="cancellationToken">Stops the batch; the enumeration then ends in <see cref="OperationCanceledException"/>.</param>
        /// <exception cref="AnimeGanException">Invalid settings or a missing model, thrown here before any photo starts.</exception>
        public IEnumerable<BatchOutcome> Run(IReadOnlyList<PlannedConversion> conversions, BatchOptions options, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            Throw.IfNull(conversions);
            Throw.IfNull(options);
            if (conversions.Count == 0)
                return Array.Empty<BatchOutcome>();
            Prepare(options);
            return RunPrepared(conversions, options, progress, cancellationToken);
        }

        private IEnumerable<BatchOutcome> RunPrepared(IReadOnlyList<PlannedConversion> conversions, BatchOptions options, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
        {
            if (options.Shard != null)
            {
                foreach (var conversion in conversions)
                    IO.FileMoves.RemoveStaleTemporaries(conversion.OutputPath);
            }

            using var run = new BatchRun(_engine, conversions, options, cancellationToken);
            while (run.TryTake(progress, out var outcome))
                yield return outcome;
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
