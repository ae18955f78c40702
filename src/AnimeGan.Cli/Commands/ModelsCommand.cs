using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AnimeGan.Cli.Console;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Models;
using AnimeGan.Core.Onnx;
using Spectre.Console;

namespace AnimeGan.Cli.Commands
{
    /// <summary>`animegan models list|install|verify`: manage the models folder.</summary>
    internal static class ModelsCommand
    {
        public static void Register(RootCommand root, CliConsole console)
        {
            var command = new Command("models", "List, install and verify models.");
            command.Subcommands.Add(List(console));
            command.Subcommands.Add(Install(console));
            command.Subcommands.Add(Verify(console));
            command.Subcommands.Add(Optimize(console));
            ExamplesHelpAction.Attach(command, "animegan models list", "animegan models install --from ~/Downloads/animegan-models", "animegan models verify");
            root.Subcommands.Add(command);
        }

        private static Command List(CliConsole console)
        {
            var json = CommonOptions.Json();
            var command = new Command("list", "List every known model and whether it is installed.") { json };
            command.SetAction(parseResult =>
            {
                var store = new ModelStore(parseResult.GetValue(CommonOptions.ModelsFolder));
                var optimizedGraphs = new OptimizedGraphCache(store);
                if (parseResult.GetValue(json))
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
                        optimized = optimizedGraphs.Describe(m),
                    });
                    CommonOptions.WriteJson(console, rows);
                    return ExitCodes.Success;
                }

                console.Out.WriteLine($"Models folder: {store.Folder}");
                console.Out.WriteLine($"{"ID",-11} {"KIND",-14} {"FAMILY",-11} {"SIZE",8}  {"INSTALLED",-9}  OPTIMIZED GRAPH");
                foreach (var m in store.Manifest.Models)
                    console.Out.WriteLine($"{m.Id,-11} {ModelManifest.KindName(m.Kind),-14} {m.Family,-11} {Sizes.Format(m.SizeInBytes),8}  {(store.IsInstalled(m) ? "yes" : "no"),-9}  {optimizedGraphs.Describe(m)}");
                return ExitCodes.Success;
            });
            return command;
        }

        private static Command Install(CliConsole console)
        {
            var ids = new Argument<string[]>("ids") { Description = "Model ids to install (see 'animegan models list'); none: the default style and face detector.", Arity = ArgumentArity.ZeroOrMore };
            var all = new Option<bool>("--all") { Description = "Install every model in the manifest that has a public download (with --from: every one found there)." };
            var from = new Option<string?>("--from") { Description = "Install from a local folder holding the model files (offline); without ids, every model found there.", HelpName = "DIR" };
            var command = new Command("install", "Install models, SHA-256 verified, from their pinned https source or a local folder.") { ids, all, from };
            command.SetAction(async (parseResult, cancellationToken) =>
            {
                var store = new ModelStore(parseResult.GetValue(CommonOptions.ModelsFolder));
                var requested = parseResult.GetValue(ids) ?? Array.Empty<string>();
                var folder = parseResult.GetValue(from);
                List<ModelEntry> models;
                try
                {
                    models = requested.Length > 0 ? requested.Select(store.Manifest.Get).ToList()
                        : parseResult.GetValue(all) || folder != null ? store.Manifest.Models.ToList()
                        : store.Manifest.Defaults.ToList();
                }
                catch (AnimeGanException ex)
                {
                    console.Fail(ex);
                    return ExitCodes.Usage;
                }

                var failed = 0;
                var installedAny = false;
                var optimizedGraphs = new OptimizedGraphCache(store);
                foreach (var model in models)
                {
                    try
                    {
                        InstallOutcome outcome;
                        if (folder != null)
                        {
                            if (requested.Length == 0 && !System.IO.File.Exists(System.IO.Path.Combine(folder, model.FileName)))
                                continue;
                            outcome = store.InstallFromFolder(model, folder, cancellationToken);
                        }
                        else if (model.Source == null && requested.Length == 0)
                        {
                            // --all means every model that can be fetched; one only a folder holds is named, not failed.
                            console.Error.WriteLine($"note: {model.Id} has no public download; install it from a folder that holds {model.FileName} with --from DIR.");
                            continue;
                        }
                        else
                        {
                            outcome = await Download(console, store, model, cancellationToken).ConfigureAwait(false);
                        }

                        installedAny = true;
                        var graph = model.Kind == ModelKind.Style ? "; " + optimizedGraphs.Resolve(model).Note : string.Empty;
                        console.Out.WriteLine($"{model.Id}: {(outcome == InstallOutcome.Installed ? "installed" : "already installed")} ({model.FileName}, licence: {model.Licence}{graph})");
                    }
                    catch (AnimeGanException ex)
                    {
                        failed++;
                        console.Fail($"{model.Id}: {ex.Message}");
                    }
                }

                if (!installedAny && failed == 0)
                {
                    console.Fail($"{folder}: no model file from the manifest was found there.");
                    return ExitCodes.Failed;
                }

                console.Out.WriteLine($"Models folder: {store.Folder}");
                return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
            });
            ExamplesHelpAction.Attach(command, "animegan models install                # the default style and face detector", "animegan models install hayao shinkai", "animegan models install --all", "animegan models install --from /media/usb/animegan-models");
            return command;
        }

        /// <summary>Downloads one model with a progress bar on a terminal, a line saying what is fetched elsewhere.</summary>
        private static async Task<InstallOutcome> Download(CliConsole console, ModelStore store, ModelEntry model, CancellationToken cancellationToken)
        {
            if (store.Verify(model) == ModelFileState.Valid)
                return InstallOutcome.AlreadyInstalled;
            var what = $"{model.Id} ({Sizes.Format(model.SizeInBytes)}) from {model.Source?.Host}";
            if (!console.IsTerminal)
            {
                console.Out.WriteLine($"downloading {what}");
                return await store.InstallFromSourceAsync(model, null, null, cancellationToken).ConfigureAwait(false);
            }

            InstallOutcome outcome = default;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                .StartAsync(async context =>
                {
                    var bar = context.AddTask(Markup.Escape(what), maxValue: model.SizeInBytes);
                    outcome = await store.InstallFromSourceAsync(model, null, new Progress<long>(bytes => bar.Value = bytes), cancellationToken).ConfigureAwait(false);
                    bar.Value = model.SizeInBytes;
                }).ConfigureAwait(false);
            return outcome;
        }

        private static Command Optimize(CliConsole console)
        {
            var style = new Argument<string>("style") { Description = "The installed style to optimize (e.g. hayao)." };
            var int8 = new Option<bool>("--int8") { Description = "Quantize to INT8 (per-channel weights and activations, calibrated on built-in drawn scenes or --calibrate DIR)." };
            var fp32 = new Option<bool>("--fp32") { Description = "Convert a float16 model to float32." };
            var calibrate = new Option<string?>("--calibrate") { Description = "Folder of your own sample photos for INT8 activation ranges instead of the built-in drawn scenes (a dozen is plenty).", HelpName = "DIR" };
            var command = new Command("optimize", "Make an optimized variant of a style (registered as <style>@int8 or <style>@fp32).") { style, int8, fp32, calibrate };
            command.SetAction((parseResult, cancellationToken) =>
            {
                if (parseResult.GetValue(int8) == parseResult.GetValue(fp32))
                {
                    console.Fail("choose exactly one of --int8 and --fp32.");
                    return System.Threading.Tasks.Task.FromResult(ExitCodes.Usage);
                }

                var store = new ModelStore(parseResult.GetValue(CommonOptions.ModelsFolder));
                var kind = parseResult.GetValue(int8) ? Core.Onnx.OptimizationKind.Int8 : Core.Onnx.OptimizationKind.Float32;
                IReadOnlyList<Core.Imaging.PixelImage> samples;
                try
                {
                    samples = parseResult.GetValue(calibrate) is string folder ? Core.Onnx.Calibrator.ReadSamples(folder) : Array.Empty<Core.Imaging.PixelImage>();
                }
                catch (AnimeGanException ex)
                {
                    // A folder that gives no sample is a wrong argument; a sample that cannot be read is a failure.
                    console.Fail(ex);
                    return System.Threading.Tasks.Task.FromResult(ex.Code == AnimeGanErrorCode.InvalidOption ? ExitCodes.Usage : ExitCodes.Failed);
                }

                try
                {
                    var optimizer = new Core.Onnx.ModelOptimizer(store);
                    var variant = optimizer.Optimize(parseResult.GetValue(style)!, kind, samples, cancellationToken);
                    console.Out.WriteLine($"{variant.Id}: written {variant.FileName} ({Sizes.Format(variant.SizeInBytes)}){(kind == Core.Onnx.OptimizationKind.Int8 && samples.Count == 0 ? ", calibrated on the built-in drawn scenes" : string.Empty)}; use it with --style {variant.Id}");
                    var speedup = optimizer.CompareSpeed(variant.Id, cancellationToken);
                    var baseId = variant.Id.Split('@')[0];
                    if (speedup < Core.Onnx.ModelOptimizer.WorthwhileSpeedup)
                        console.Error.WriteLine($"animegan: warning: {variant.Id} runs {speedup:0.00}x as fast as {baseId} on this CPU, so it does not pay off here; keep using --style {baseId}.");
                    else
                        console.Out.WriteLine($"{variant.Id}: {speedup:0.00}x as fast as {baseId} on this CPU.");
                    return System.Threading.Tasks.Task.FromResult(ExitCodes.Success);
                }
                catch (AnimeGanException ex)
                {
                    console.Fail(ex);
                    return System.Threading.Tasks.Task.FromResult(ExitCodes.Failed);
                }
            });
            ExamplesHelpAction.Attach(command, "animegan models optimize hayao --int8", "animegan models optimize hayao --int8 --calibrate ~/Pictures/samples", "animegan models optimize shinkai --fp32", "animegan convert photo.jpg --style hayao@int8");
            return command;
        }

        private static Command Verify(CliConsole console)
        {
            var ids = new Argument<string[]>("ids") { Description = "Model ids to check (default: every installed model).", Arity = ArgumentArity.ZeroOrMore };
            var command = new Command("verify", "Check installed models against their SHA-256 in the manifest.") { ids };
            command.SetAction(parseResult =>
            {
                var store = new ModelStore(parseResult.GetValue(CommonOptions.ModelsFolder));
                var requested = parseResult.GetValue(ids) ?? Array.Empty<string>();
                IEnumerable<ModelEntry> models;
                try
                {
                    models = requested.Length > 0 ? requested.Select(store.Manifest.Get).ToList() : store.Installed();
                }
                catch (AnimeGanException ex)
                {
                    console.Fail(ex);
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
                    (state == ModelFileState.Valid ? console.Out : console.Error).WriteLine($"{model.Id}: {text} ({store.GetPath(model)})");
                }

                return bad == 0 ? ExitCodes.Success : ExitCodes.Failed;
            });
            return command;
        }
    }
}
