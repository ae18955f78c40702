using System.CommandLine;
using AnimeGan.Cli.Console;

namespace AnimeGan.Cli.Commands
{
    /// <summary>`animegan faces`: what face enhancement would work on, for scripts and for checking a photo. Declares the options and hands args to the runner.</summary>
    internal static class FacesCommand
    {
        public static void Register(RootCommand root, CliConsole console)
        {
            var inputs = new Argument<string[]>("images") { Description = "Photos to look for faces in.", Arity = ArgumentArity.OneOrMore };
            var detector = new Option<string?>("--detector") { Description = "retinaface (default) or yunet.", HelpName = "ID" };
            var json = CommonOptions.Json();
            var command = new Command("faces", "Print each face's box, five landmarks (eyes, nose, mouth corners) and score.") { inputs, detector, json };
            command.SetAction(LongRunningAction.Of((parseResult, cancellationToken) => new FacesRunner(console).Run(
                new FacesArgs(parseResult.GetValue(inputs) ?? Array.Empty<string>(), parseResult.GetValue(detector), parseResult.GetValue(json), parseResult.GetValue(CommonOptions.ModelsFolder)),
                cancellationToken)));
            ExamplesHelpAction.Attach(command, "animegan faces portrait.jpg", "animegan faces *.jpg --json --detector yunet");
            root.Subcommands.Add(command);
        }
    }
}
