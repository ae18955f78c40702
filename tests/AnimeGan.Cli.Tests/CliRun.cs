using AnimeGan.Cli.Console;

namespace AnimeGan.Cli.Tests
{
    /// <summary>Runs the real command line in-process and captures what it prints.</summary>
    internal sealed record CliRun(int ExitCode, string Out, string Error)
    {
        public static async Task<CliRun> RunAsync(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var all = new string[args.Length + 2];
            all[0] = "--models";
            all[1] = TestModels.Folder;
            args.CopyTo(all, 2);
            var code = await CliApp.RunAsync(all, new CliConsole(output, error, IsTerminal: false), CancellationToken.None);
            return new CliRun(code, output.ToString(), error.ToString());
        }

        public static async Task<CliRun> RunWithoutModelsAsync(string modelsFolder, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var all = new string[args.Length + 2];
            all[0] = "--models";
            all[1] = modelsFolder;
            args.CopyTo(all, 2);
            var code = await CliApp.RunAsync(all, new CliConsole(output, error, IsTerminal: false), CancellationToken.None);
            return new CliRun(code, output.ToString(), error.ToString());
        }
    }
}
