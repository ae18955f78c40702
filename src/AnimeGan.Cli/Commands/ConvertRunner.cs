using System.Globalization;
using AnimeGan.Cli.Console;
using AnimeGan.Core;
using AnimeGan.Core.Batches;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.IO;
using Spectre.Console;

namespace AnimeGan.Cli.Commands
{
    /// <summary>What `animegan convert` does with its parsed arguments; tests put a recorder in its place.</summary>
    internal interface IConvertRunner
    {
        Task<int> RunAsync(ConvertArgs args, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Presents a batch: finds the photos the command line names, hands them to the engine's
    /// <see cref="BatchConverter"/>, and shows what comes back as a progress bar on a terminal or one line per
    /// photo elsewhere, ending in the exit code.
    /// </summary>
    internal sealed class ConvertRunner : IConvertRunner
    {
        private readonly CliConsole _console;

        public ConvertRunner(CliConsole console) => _console = console;

        public Task<int> RunAsync(ConvertArgs args, CancellationToken cancellationToken) => Task.FromResult(Run(args, cancellationToken));

        private int Run(ConvertArgs args, CancellationToken cancellationToken)
        {
            var store = CommonOptions.Store(args.ModelsFolder);
            var (photos, missing) = InputExpander.Expand(args.Inputs, args.Recurse, args.Suffix);
            foreach (var path in missing)
                _console.Fail($"{path}: no such file or folder, or no image matches.");
            if (photos.Count == 0)
            {
                _console.Fail("nothing to convert.");
                return ExitCodes.Failed;
            }

            var namesAFile = OutputPaths.NamesAFile(args.Output);
            if (photos.Count > 1 && namesAFile)
            {
                _console.Fail($"--out '{args.Output}' names one file, but {photos.Count} photos are to be converted; give a folder.");
                return ExitCodes.Usage;
            }

            var options = namesAFile ? args.Batch with { OutputFile = args.Output } : args.Batch with { Destination = args.Output };
            using var engine = new AnimeGanEngine(store, BatchDefaults.ThreadsPerRun(System.Math.Min(args.Jobs, photos.Count)));
            var batch = new BatchConverter(engine);
            var stages = new StageDescription();
            BatchPlan plan;
            IEnumerable<BatchOutcome> outcomes;
            try
            {
                plan = BatchConverter.Plan(photos, options, store);
                if (args.ListOnly)
                    return List(plan);
                outcomes = batch.Run(plan.Conversions, options, _console.IsTerminal ? stages : null, cancellationToken);
            }
            catch (AnimeGanException ex)
            {
                _console.Fail(ex);
                return ex.Code is AnimeGanErrorCode.InvalidOption or AnimeGanErrorCode.UnknownModel ? ExitCodes.Usage : ExitCodes.Failed;
            }

            ShowPlanned(plan);

            var tally = new Tally(plan.Conversions.Count);
            try
            {
                if (_console.IsTerminal)
                    ShowWithProgressBar(outcomes, stages, tally, cancellationToken);
                else
                    ShowAsLines(outcomes, tally);
            }
            catch (System.OperationCanceledException)
            {
                _console.Error.WriteLine($"interrupted: {tally.Converted} of {tally.Total} converted; no partial file was left.");
                return ExitCodes.Interrupted;
            }

            var failures = plan.Refused.Concat(tally.Failures).ToList();
            if (args.ReportPath != null && !WriteReport(args.ReportPath, tally.Converted, plan.Skipped.Count, missing, failures))
                return ExitCodes.Failed;
            if (failures.Count == 0 && missing.Count == 0)
                return ExitCodes.Success;
            if (!args.FailOnErrors && missing.Count == 0 && failures.All(f => f.Error!.IsThePhotosFault))
            {
                _console.Error.WriteLine($"note: {failures.Count} photo{(failures.Count == 1 ? "" : "s")} could not be converted, each for a fault of its own (damaged, unsupported or too large); with --fail-on-errors false the run counts as done.");
                return ExitCodes.Success;
            }

            return ExitCodes.Failed;
        }

        /// <summary>
        /// The run's report as JSON, written to a temporary file and renamed into place: a Job's collector reads
        /// either the whole report or none. False (said) when it cannot be written.
        /// </summary>
        private bool WriteReport(string path, int converted, int skipped, IReadOnlyList<string> missing, IReadOnlyList<BatchOutcome> failures)
        {
            var report = new
            {
                converted,
                skipped,
                failed = missing.Select(m => new { input = m, error = nameof(AnimeGanErrorCode.InputNotFound), reason = "no such file or folder, or no image matches", photosFault = false })
                    .Concat(failures.Select(f => new { input = f.InputPath, error = f.Error!.Code.ToString(), reason = f.Error.Message, photosFault = f.Error.IsThePhotosFault })),
            };
            var full = Path.GetFullPath(path);
            var temporary = full + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(temporary, System.Text.Json.JsonSerializer.Serialize(report, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                File.Move(temporary, full, overwrite: true);
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                if (File.Exists(temporary))
                    File.Delete(temporary);
                _console.Fail($"{full}: the report could not be written ({ex.Message}).");
                return false;
            }
        }

        /// <summary>--list: what this run (this worker) would convert, one "input -> output" line each, and nothing converted.</summary>
        private int List(BatchPlan plan)
        {
            foreach (var conversion in plan.Conversions)
                _console.Out.WriteLine($"{conversion.InputPath} -> {conversion.OutputPath}");
            ShowPlanned(plan);
            return plan.Refused.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }

        /// <summary>What the plan says besides its conversions: the photos refused, notes, and photos skipped because their output exists.</summary>
        private void ShowPlanned(BatchPlan plan)
        {
            foreach (var refused in plan.Refused)
                _console.Fail(refused.Error!);
            foreach (var note in plan.Conversions.Select(c => c.Note).OfType<string>())
                _console.Error.WriteLine($"note: {note}");
            foreach (var skipped in plan.Skipped)
                _console.Out.WriteLine($"{skipped.InputPath}: skipped, {skipped.OutputPath} exists");
            foreach (var ignored in plan.Ignored)
                _console.Error.WriteLine($"note: {ignored.Reason}");
        }

        private void ShowAsLines(IEnumerable<BatchOutcome> outcomes, Tally tally)
        {
            foreach (var outcome in outcomes)
            {
                tally.Add(outcome);
                if (outcome.Result is ConversionResult result)
                    _console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} -> {1} ({2:0.00} s{4}){3}", outcome.InputPath, result.OutputPath, result.Duration.TotalSeconds, FacesLeft(result), result.Precision == AnimeGan.Core.Precision.Int8 ? ", int8" : ""));
                else
                    _console.Fail(outcome.Error!);
            }
        }

        private void ShowWithProgressBar(IEnumerable<BatchOutcome> outcomes, StageDescription stages, Tally tally, CancellationToken cancellationToken)
        {
            var failures = new List<AnimeGanException>();
            var crowds = new List<ConversionResult>();
            LiveProgress.Show(
                cancellationToken,
                new ProgressColumn[] { new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn() },
                context =>
                {
                    var bar = context.AddTask("Converting", maxValue: tally.Total);
                    stages.Bar = bar;
                    foreach (var outcome in outcomes)
                    {
                        tally.Add(outcome);
                        if (outcome.Error != null)
                            failures.Add(outcome.Error);
                        else if (outcome.Result is { FacesNotEnhanced: > 0 } crowd)
                            crowds.Add(crowd);
                        bar.Increment(1);
                    }
                });
            foreach (var failure in failures)
                _console.Fail(failure);
            foreach (var crowd in crowds)
                _console.Error.WriteLine($"note: {crowd.SourcePath}{FacesLeft(crowd)}");
            _console.Out.WriteLine($"{tally.Converted} of {tally.Total} converted.");
        }

        /// <summary>"; 84 smaller faces kept the scene style (16 enhanced, the most per picture)", or nothing for a picture within the budget.</summary>
        private static string FacesLeft(ConversionResult result)
            => result.FacesNotEnhanced == 0
                ? ""
                : $"; {result.FacesNotEnhanced} smaller face{(result.FacesNotEnhanced == 1 ? "" : "s")} kept the scene style ({AnimeGanEngine.MaxEnhancedFaces} enhanced, the most per picture)";

        /// <summary>Names the photo under way and its stage beside the progress bar ("b.jpg: finding faces").</summary>
        private sealed class StageDescription : System.IProgress<BatchProgress>
        {
            public ProgressTask? Bar { get; set; }

            public void Report(BatchProgress value)
            {
                if (Bar == null)
                    return;
                Bar.Description = Markup.Escape($"{Path.GetFileName(value.InputPath)}: {value.Step}");
                if (value.Frames > 0)
                    Bar.Value = value.Completed + ((double)value.Frame / value.Frames);
            }
        }

        /// <summary>How many photos of the batch came out, and how many failed.</summary>
        private sealed class Tally
        {
            public Tally(int total) => Total = total;

            public int Total { get; }

            public int Converted { get; private set; }

            public int Failed => Failures.Count;

            /// <summary>Gets the photos that failed, with their errors, for the report and the exit code.</summary>
            public List<BatchOutcome> Failures { get; } = new List<BatchOutcome>();

            public void Add(BatchOutcome outcome)
            {
                if (outcome.Succeeded)
                    Converted++;
                else
                    Failures.Add(outcome);
            }
        }
    }
}
