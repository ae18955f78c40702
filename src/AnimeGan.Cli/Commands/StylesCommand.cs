using System.CommandLine;
using AnimeGan.Cli.Console;

namespace AnimeGan.Cli.Commands
{
    /// <summary>`animegan styles`: the installed styles, as a table or JSON. Declares the options and hands args to the models runner.</summary>
    internal static class StylesCommand
    {
        public static void Register(RootCommand root, CliConsole console)
        {
            var json = CommonOptions.Json();
            var command = new Command("styles", "List the installed styles.") { json };
            command.SetAction(parseResult => new ModelsRunner(console).Styles(new ModelsListArgs(parseResult.GetValue(CommonOptions.ModelsFolder), parseResult.GetValue(json))));
            ExamplesHelpAction.Attach(command, "animegan styles", "animegan styles --json");
            root.Subcommands.Add(command);
        }
    }
}
