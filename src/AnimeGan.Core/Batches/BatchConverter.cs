using System;
using System.Collections.Generic;
using System.Threading;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Options;

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

        /// <summary>Plans a whole batch at once: each photo's output, and the photos refused because another writes the same output.</summary>
        /// <exception cref="AnimeGanException">The options are invalid (a bad suffix, one output file for several photos).</exception>
        public static BatchPlan Plan(IEnumerable<BatchInput> inputs, BatchOptions options)
        {
            Throw.IfNull(inputs);
            var planner = new OutputPlanner(options);
            var conversions = new List<PlannedConversion>();
            var refused = new List<BatchOutcome>();
            foreach (var input in inputs)
            {
                try
                {
                    if (planner.Plan(input) is PlannedConversion planned)
                        conversions.Add(planned);
                }
                catch (AnimeGanException ex) when (ex.Code == AnimeGanErrorCode.DuplicateOutput)
                {
                    refused.Add(new BatchOutcome(ex.Path ?? input.Path, null, null, ex));
                }
            }

            return new BatchPlan(conversions, refused);
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
            OptionLimits.Validate(stylize);
            OptionLimits.Validate(options.Output ?? new OutputOptions());
            if (options.Jobs is int jobs)
                OptionLimits.Check(jobs, OptionLimits.MinJobs, OptionLimits.MaxJobs, "Jobs");
            if (stylize.FaceDetector != null)
                _engine.Store.Manifest.Get(stylize.FaceDetector);
            if ((stylize.Strength ?? 1) == 0)
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
        /// photo as each finishes. An output is renamed into place only when its outcome is taken, so a caller
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
            using var run = new BatchRun(_engine, conversions, options, cancellationToken);
            while (run.TryTake(progress, out var outcome))
                yield return outcome;
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
