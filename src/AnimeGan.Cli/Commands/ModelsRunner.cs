using AnimeGan.Cli.Console;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.Models;
using AnimeGan.Core.Onnx;
using Spectre.Console;

namespace AnimeGan.Cli.Commands
{
    /// <summary>
    /// Runs `animegan models …`: the engine's store, installer and optimizer decide; this prints their answers
    /// as lines, a table or JSON and picks the exit code.
    /// </summary>
    internal sealed class ModelsRunner
    {
        private readonly CliConsole _console;

        public ModelsRunner(CliConsole console) => _console = console;

        public int List(ModelsListArgs args)
        {
            var store = CommonOptions.Store(args.ModelsFolder);
            var optimizedGraphs = new OptimizedGraphCache(store);
            if (args.Json)
            {
                var rows = store.Manifest.Models.Select(m => new
                {
                    id = m.Id,
                    name = m.DisplayName,
                    family = m.Family,
                    kind = ModelManifest.KindName(m.Kind),
                    file = m.FileName,
                    bytes = m.SizeInBytes,
                    sha256 = m.Sha256,
                    licence = m.Licence,
                    source = m.Source?.ToString(),
                    installed = store.IsInstalled(m),
                    damaged = store.IsDamaged(m),
                    optimized = optimizedGraphs.Describe(m),
                });
                CommonOptions.WriteJson(_console, rows);
                return ExitCodes.Success;
            }

            SayFolders(store);
            _console.Out.WriteLine($"{"ID",-11} {"KIND",-14} {"FAMILY",-11} {"SIZE",8}  {"INSTALLED",-9}  OPTIMIZED GRAPH");
            foreach (var m in store.Manifest.Models)
                _console.Out.WriteLine($"{m.Id,-11} {ModelManifest.KindName(m.Kind),-14} {m.Family,-11} {ByteSizes.Format(m.SizeInBytes),8}  {(store.IsInstalled(m) ? "yes" : store.IsDamaged(m) ? "damaged" : "no"),-9}  {optimizedGraphs.Describe(m)}");
            return ExitCodes.Success;
        }

        /// <summary>`styles`: the installed styles only, the default marked.</summary>
        public int Styles(ModelsListArgs args)
        {
            var store = CommonOptions.Store(args.ModelsFolder);
            var styles = store.Installed(ModelKind.Style);
            if (args.Json)
            {
                CommonOptions.WriteJson(_console, StyleSummary.Installed(store));
                return ExitCodes.Success;
            }

            if (styles.Count == 0)
            {
                _console.Error.WriteLine($"No styles are installed in {store.Folder}. Install them with 'animegan models install --all' or 'animegan models install --from <folder>'.");
                return ExitCodes.Success;
            }

            _console.Out.WriteLine($"{"ID",-10} {"FAMILY",-11} {"SIZE",8}  {"PRECISION",-30}  LICENCE");
            foreach (var m in StyleSummary.Installed(store))
            {
                var id = m.IsDefault ? m.Id + "*" : m.Id;
                _console.Out.WriteLine($"{id,-10} {m.Family,-11} {ByteSizes.Format(m.Bytes),8}  {m.Precision,-30}  {m.Licence}");
            }

            _console.Out.WriteLine("* default style");
            return ExitCodes.Success;
        }

        public int Install(ModelsInstallArgs args, CancellationToken cancellationToken)
        {
            var store = CommonOptions.Store(args.ModelsFolder);
            ModelInstaller installer;
            try
            {
                installer = args.Mirror == null ? new ModelInstaller(store) : new ModelInstaller(store) { Mirror = ModelInstaller.ParseMirror(args.Mirror, "--mirror") };
            }
            catch (AnimeGanException ex)
            {
                // A mirror (option or variable) that is not an address.
                _console.Fail(ex);
                return ExitCodes.Usage;
            }

            ModelInstallPlan plan;
            try
            {
                plan = installer.Plan(args.Request);
            }
            catch (AnimeGanException ex)
            {
                _console.Fail(ex);
                return ExitCodes.Failed;
            }

            foreach (var refusal in plan.Refused)
                _console.Fail(refusal);
            if (plan.Refused.Count > 0)
                return ExitCodes.Usage;
            if (plan.Problem != null)
            {
                _console.Fail(plan.Problem);
                return ExitCodes.Failed;
            }

            foreach (var model in plan.NoPublicDownload)
                _console.Error.WriteLine($"note: {model.Id} has no public download; install it from a folder that holds {model.FileName} with --from DIR.");

            var results = _console.IsTerminal && plan.FromFolder == null
                ? InstallWithProgressBars(installer, plan, cancellationToken)
                : Report(installer.Install(plan, null, new InlineProgress<ModelDownloadProgress>(SayDownloading), cancellationToken));
            // A download that could not reach its host: say the offline way, which a machine without internet needs.
            if (plan.FromFolder == null && results.Any(r => r.Error?.InnerException is System.Net.Http.HttpRequestException))
                _console.Error.WriteLine($"note: without a network, install from a folder that holds the model files (a release archive's models/ folder, or files copied from another machine): animegan models install <ids> --from DIR; behind a proxy or in a studio with its own copy, --mirror URL or ${ModelInstaller.MirrorVariable}.");
            SayFolders(store);
            return results.Any(r => r.Outcome == InstallOutcome.Failed) ? ExitCodes.Failed : ExitCodes.Success;
        }

        /// <summary>Prints each result as it lands.</summary>
        private List<ModelInstallResult> Report(IEnumerable<ModelInstallResult> results)
        {
            var reported = new List<ModelInstallResult>();
            foreach (var result in results)
            {
                reported.Add(result);
                if (result.Error != null)
                {
                    _console.Fail($"{result.Model.Id}: {CliErrorText.Describe(result.Error)}");
                    continue;
                }

                var graph = result.GraphNote == null ? string.Empty : "; " + result.GraphNote;
                _console.Out.WriteLine($"{result.Model.Id}: {(result.Outcome == InstallOutcome.Installed ? "installed" : "already installed")} ({result.Model.FileName}, licence: {result.Model.Licence}{graph})");
                if (result.Precision != null)
                    _console.Out.WriteLine($"{result.Model.Id}: runs by default on this processor in {result.Precision.Reason} (--precision float|int8 chooses)");
                else if (result.PrecisionProblem != null)
                    _console.Error.WriteLine($"animegan: warning: {result.Model.Id} runs float: its INT8 graph could not be made ({result.PrecisionProblem})");
            }

            return reported;
        }

        /// <summary>Downloads on a terminal with one progress bar per model, then prints the results.</summary>
        private List<ModelInstallResult> InstallWithProgressBars(ModelInstaller installer, ModelInstallPlan plan, CancellationToken cancellationToken)
        {
            var results = new List<ModelInstallResult>();
            LiveProgress.Show(
                cancellationToken,
                new ProgressColumn[] { new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn() },
                context =>
                {
                    var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                    var progress = new InlineProgress<ModelDownloadProgress>(report =>
                    {
                        if (!bars.TryGetValue(report.Model.Id, out var bar))
                            bars[report.Model.Id] = bar = context.AddTask(Markup.Escape(DownloadName(report.Model)), maxValue: report.Model.SizeInBytes);
                        bar.Value = report.BytesArrived;
                        if (report.Step != null)
                            bar.Description = Markup.Escape($"{report.Model.Id}: {report.Step}");
                    });
                    results.AddRange(installer.Install(plan, null, progress, cancellationToken));
                });
            return Report(results);
        }

        private static string DownloadName(ModelEntry model) => $"{model.Id} ({ByteSizes.Format(model.SizeInBytes)}) from {model.Source?.Host}";

        public int Verify(ModelsVerifyArgs args)
        {
            var store = CommonOptions.Store(args.ModelsFolder);
            IEnumerable<ModelEntry> models;
            try
            {
                models = args.Ids.Count > 0 ? args.Ids.Select(store.Manifest.Get).ToList() : store.Manifest.Models.Where(m => store.IsInstalled(m) || store.IsDamaged(m)).ToList();
            }
            catch (AnimeGanException ex)
            {
                _console.Fail(ex);
                return ExitCodes.Usage;
            }

            var bad = 0;
            foreach (var model in models)
            {
                var state = store.Verify(model);
                if (state != ModelFileState.Valid)
                    bad++;
                var text = state switch
                {
                    ModelFileState.Valid => "ok",
                    ModelFileState.Missing => "not installed",
                    _ => "MISMATCH: the file differs from the manifest's SHA-256; reinstall it",
                };
                (state == ModelFileState.Valid ? _console.Out : _console.Error).WriteLine($"{model.Id}: {text} ({store.GetPath(model)})");
            }

            return bad == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }

        public int Optimize(ModelsOptimizeArgs args, CancellationToken cancellationToken)
        {
            var store = CommonOptions.Store(args.ModelsFolder);
            IReadOnlyList<PixelImage> samples;
            try
            {
                samples = args.CalibrationFolder != null ? Calibrator.ReadSamples(args.CalibrationFolder) : Array.Empty<PixelImage>();
            }
            catch (AnimeGanException ex)
            {
                // A folder that gives no sample is a wrong argument; a sample that cannot be read is a failure.
                _console.Fail(ex);
                return ex.Code == AnimeGanErrorCode.InvalidOption ? ExitCodes.Usage : ExitCodes.Failed;
            }

            try
            {
                var verdict = new ModelOptimizer(store).OptimizeAndCompare(args.Style, args.Kind, samples, cancellationToken);
                var variant = verdict.Variant;
                _console.Out.WriteLine($"{variant.Id}: written {variant.FileName} ({ByteSizes.Format(variant.SizeInBytes)}){(verdict.CalibratedOnBuiltInScenes ? ", calibrated on the built-in drawn scenes" : string.Empty)}; use it with --style {variant.Id}");
                if (verdict.PaysOff)
                    _console.Out.WriteLine($"{variant.Id}: {verdict.Speedup:0.00}x as fast as {verdict.BaseId} on this CPU; its output looks alike (SSIM {verdict.Similarity:0.000} on a drawn scene).");
                else if (!verdict.IsFastEnough)
                    _console.Error.WriteLine($"animegan: warning: {variant.Id} runs {verdict.Speedup:0.00}x as fast as {verdict.BaseId} on this CPU, so it does not pay off here; keep using --style {verdict.BaseId}.");
                else
                    _console.Error.WriteLine($"animegan: warning: {variant.Id} runs {verdict.Speedup:0.00}x as fast as {verdict.BaseId} on this CPU, but its output looks different (SSIM {verdict.Similarity:0.000} against {verdict.BaseId}'s on a drawn scene, below {ModelOptimizer.FaithfulSimilarity}); keep using --style {verdict.BaseId} where that matters.");
                if (args.Kind == OptimizationKind.Int8)
                {
                    // The default precision is decided on the variant just made, as install will decide it.
                    var precision = new ModelOptimizer(store).DecidePrecision(verdict.BaseId, null, cancellationToken);
                    _console.Out.WriteLine($"{verdict.BaseId}: runs by default on this processor in {precision.Reason} (--precision auto; animegan styles lists every style's)");
                }

                return ExitCodes.Success;
            }
            catch (AnimeGanException ex)
            {
                _console.Fail(ex);
                return ExitCodes.Failed;
            }
        }

        /// <summary>Names the models folder, and the shipped one searched after it when there is one.</summary>
        private void SayFolders(ModelStore store)
        {
            _console.Out.WriteLine($"Models folder: {store.Folder}");
            if (store.ShippedFolder != null)
                _console.Out.WriteLine($"Shipped models (searched after it): {store.ShippedFolder}");
        }

        /// <summary>Says which model is fetched, once per download, where no progress bar can be drawn.</summary>
        private void SayDownloading(ModelDownloadProgress report)
        {
            if (report.Step != null)
                _console.Out.WriteLine($"{report.Model.Id}: {report.Step}");
            else if (report.BytesArrived == 0)
                _console.Out.WriteLine($"downloading {DownloadName(report.Model)}");
        }

        /// <summary>Calls back on the reporting thread, so lines and bars move in step with the download.</summary>
        private sealed class InlineProgress<T> : IProgress<T>
        {
            private readonly Action<T> _report;

            public InlineProgress(Action<T> report) => _report = report;

            public void Report(T value) => _report(value);
        }
    }
}
