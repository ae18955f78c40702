using System.CommandLine;
using AnimeGan.Cli.Console;
using AnimeGan.Core.Models;
using AnimeGan.Core.Onnx;

namespace AnimeGan.Cli.Commands
{
    /// <summary>`animegan models list|install|verify|optimize`: declares the options and hands args to the runner.</summary>
    internal static class ModelsCommand
    {
        public static void Register(RootCommand root, CliConsole console)
        {
            var runner = new ModelsRunner(console);
            var command = new Command("models", "List, install and verify models.");
            command.Subcommands.Add(List(runner));
            command.Subcommands.Add(Install(runner));
            command.Subcommands.Add(Verify(runner));
            command.Subcommands.Add(Optimize(runner, console));
            ExamplesHelpAction.Attach(command, "animegan models list", "animegan models install --from ~/Downloads/animegan-models", "animegan models verify");
            root.Subcommands.Add(command);
        }

        private static Command List(ModelsRunner runner)
        {
            var json = CommonOptions.Json();
            var command = new Command("list", "List every known model and whether it is installed.") { json };
            command.SetAction(parseResult => runner.List(new ModelsListArgs(parseResult.GetValue(CommonOptions.ModelsFolder), parseResult.GetValue(json))));
            ExamplesHelpAction.Attach(command, "animegan models list", "animegan models list --json          # every model with its file, SHA-256, licence and state", "animegan --models /srv/models models list");
            return command;
        }

        private static Command Install(ModelsRunner runner)
        {
            var ids = new Argument<string[]>("ids") { Description = "Model ids to install (see 'animegan models list'); none: the default style and face detector.", Arity = ArgumentArity.ZeroOrMore };
            var all = new Option<bool>("--all") { Description = "Install every model in the manifest that has a public download (with --from: every one found there)." };
            var from = new Option<string?>("--from") { Description = "Install from a local folder holding the model files (offline); without ids, every model found there.", HelpName = "DIR" };
            var skipInt8 = new Option<bool>("--skip-int8") { Description = "Do not make and measure each style's INT8 graph (about 30 s a style); the styles then run float until 'models optimize --int8'. For a folder built for another processor." };
            var mirror = new Option<string?>("--mirror") { Description = $"Download from this mirror instead: its address followed by each source's without the scheme (default: ${ModelInstaller.MirrorVariable}); still SHA-256 checked.", HelpName = "URL" };
            var command = new Command("install", "Install models, SHA-256 verified, from their pinned https source or a local folder; each style also gets its INT8 graph, measured here, so conversions run the faster precision that looks the same.") { ids, all, from, skipInt8, mirror };
            command.SetAction(LongRunningAction.Of((parseResult, cancellationToken) => runner.Install(
                new ModelsInstallArgs(
                    parseResult.GetValue(CommonOptions.ModelsFolder),
                    new ModelInstallRequest(parseResult.GetValue(ids) ?? Array.Empty<string>(), parseResult.GetValue(all), parseResult.GetValue(from)) { DecidePrecision = !parseResult.GetValue(skipInt8) },
                    parseResult.GetValue(mirror)),
                cancellationToken)));
            ExamplesHelpAction.Attach(command, "animegan models install                # the default style and face detector", "animegan models install hayao shinkai", "animegan models install --all", "animegan models install --from /media/usb/animegan-models");
            return command;
        }

        private static Command Verify(ModelsRunner runner)
        {
            var ids = new Argument<string[]>("ids") { Description = "Model ids to check (default: every installed model).", Arity = ArgumentArity.ZeroOrMore };
            var command = new Command("verify", "Check installed models against their SHA-256 in the manifest.") { ids };
            command.SetAction(parseResult => runner.Verify(new ModelsVerifyArgs(parseResult.GetValue(CommonOptions.ModelsFolder), parseResult.GetValue(ids) ?? Array.Empty<string>())));
            ExamplesHelpAction.Attach(command, "animegan models verify               # every installed model; exit 1 if one differs", "animegan models verify hayao retinaface");
            return command;
        }

        private static Command Optimize(ModelsRunner runner, CliConsole console)
        {
            var style = new Argument<string>("style") { Description = "The installed style to optimize (e.g. hayao)." };
            var int8 = new Option<bool>("--int8") { Description = "Quantize to INT8 (per-channel weights and activations, calibrated on built-in drawn scenes or --calibrate DIR)." };
            var fp32 = new Option<bool>("--fp32") { Description = "Convert a float16 model to float32." };
            var calibrate = new Option<string?>("--calibrate") { Description = "Folder of your own sample photos for INT8 activation ranges instead of the built-in drawn scenes (a dozen is plenty).", HelpName = "DIR" };
            var command = new Command("optimize", "Make an optimized variant of a style (registered as <style>@int8 or <style>@fp32).") { style, int8, fp32, calibrate };
            command.SetAction(LongRunningAction.Of((parseResult, cancellationToken) =>
            {
                if (parseResult.GetValue(int8) == parseResult.GetValue(fp32))
                {
                    console.Fail("choose exactly one of --int8 and --fp32.");
                    return ExitCodes.Usage;
                }

                var kind = parseResult.GetValue(int8) ? OptimizationKind.Int8 : OptimizationKind.Float32;
                return runner.Optimize(new ModelsOptimizeArgs(parseResult.GetValue(CommonOptions.ModelsFolder), parseResult.GetValue(style)!, kind, parseResult.GetValue(calibrate)), cancellationToken);
            }));
            ExamplesHelpAction.Attach(command, "animegan models optimize hayao --int8", "animegan models optimize hayao --int8 --calibrate ~/Pictures/samples", "animegan models optimize shinkai --fp32", "animegan convert photo.jpg --style hayao@int8");
            return command;
        }
    }
}
