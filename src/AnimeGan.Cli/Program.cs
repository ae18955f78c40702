using AnimeGan.Cli;
using AnimeGan.Cli.Console;

return await CliApp.RunAsync(args, CliConsole.System());
