using System.CommandLine;
using AnimeGan.Cli.Console;
using AnimeGan.Core.Models;

namespace AnimeGan.Cli.Commands
{
    /// <summary>`animegan styles`: the installed styles, as a table or JSON.</summary>
    internal static class StylesCommand
    {
        public static void Register(RootCommand root, CliConsole console)
        {
            var json = CommonOptions.Json();
            var command = new Command("styles", "List the installed styles.") { json };
            command.SetAction(parseResult =>
            {
                var store = new ModelStore(parseResult.GetValue(CommonOptions.ModelsFolder));
                var styles = store.Installed(ModelKind.Style);
                if (parseResult.GetValue(json))
                {
                    CommonOptions.WriteJson(console, StyleSummary.Installed(store));
                    return ExitCodes.Success;
                }

                if (styles.Count == 0)
                {
                    console.Error.WriteLine($"No styles are installed in {store.Folder}. Install them with 'animegan models install --all' or 'animegan models install --from <folder>'.");
                    return ExitCodes.Success;
                }

                console.Out.WriteLine($"{"ID",-10} {"FAMILY",-11} {"SIZE",8}  LICENCE");
                foreach (var m in styles)
                {
                    var id = m.Id == store.Manifest.DefaultStyleId ? m.Id + "*" : m.Id;
                    console.Out.WriteLine($"{id,-10} {m.Family,-11} {ByteSizes.Format(m.SizeInBytes),8}  {m.Licence}");
                }

                console.Out.WriteLine("* default style");
                return ExitCodes.Success;
            });
            ExamplesHelpAction.Attach(command, "animegan styles", "animegan styles --json");
            root.Subcommands.Add(command);
        }
    }
}
