using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using AnimeGan.Cli.Commands;
using AnimeGan.Cli.Console;

namespace AnimeGan.Cli
{
    /// <summary>Builds the command tree and runs one command line; tests call it in-process.</summary>
    internal static class CliApp
    {
        public static RootCommand Build(CliConsole console, IConvertRunner? convertRunner = null)
        {
            var root = new RootCommand("animegan: turn photos into anime-style art with AnimeGAN models, on the CPU.");
            root.Options.Add(CommonOptions.ModelsFolder);
            ConvertCommand.Register(root, console, convertRunner);
            StylesCommand.Register(root, console);
            ModelsCommand.Register(root, console);
            FacesCommand.Register(root, console);
            ServeCommand.Register(root, console);

            var help = root.Options.OfType<HelpOption>().Single();
            help.Action = new ExamplesHelpAction((HelpAction)help.Action!);
            ExamplesHelpAction.Attach(
                root,
                "animegan models install --from ./models-folder   # offline install",
                "animegan convert photo.jpg                        # writes photo_anime.jpg",
                "animegan convert photos -r -o anime -s shinkai");
            return root;
        }

        /// <param name="args">The command line.</param>
        /// <param name="console">Where output goes.</param>
        /// <param name="cancellationToken">Ctrl+C.</param>
        /// <param name="convertRunner">What `convert` runs; null for the real batch (tests record the parsed arguments instead).</param>
        public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default, IConvertRunner? convertRunner = null)
        {
            // Numbers print the same in every culture (0.5, 12.3 MB), as scripts that read this output expect;
            // the caller's culture comes back when this returns.
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var root = Build(console, convertRunner);
            var parseResult = root.Parse(args);
            if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction && parseResult.Action is not ExamplesHelpAction)
            {
                foreach (var error in parseResult.Errors)
                    console.Fail(error.Message);
                console.Error.WriteLine($"Run 'animegan {string.Join(" ", parseResult.CommandResult.Command.Name == root.Name ? "" : parseResult.CommandResult.Command.Name)} --help' for usage.".Replace("  ", " "));
                return ExitCodes.Usage;
            }

            var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
            if (parseResult.CommandResult.Command.Name == ServeCommand.Name)
            {
                // The web host handles SIGTERM and Ctrl+C itself and drains before it stops; the parser's own
                // handling would end the process after two seconds, in the middle of the drain.
                configuration.ProcessTerminationTimeout = null;
            }

            // Exceptions come here rather than to the parser's handler, which prints any of them as a stack trace.
            configuration.EnableDefaultExceptionHandler = false;
            try
            {
                return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (MissingNativeLibrary(ex) is DllNotFoundException missing)
            {
                console.Fail($"this platform ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}) has no native library this program needs ({missing.Message.Split('\n')[0].Trim()}). The animegan tool runs on Windows x64 and arm64, Linux x64 and macOS arm64; elsewhere, use a release archive or the container image.");
                return ExitCodes.Failed;
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C in a command that does not say what it finished itself: nothing partial was left (writes rename into place).
                return ExitCodes.Interrupted;
            }
            catch (Exception ex)
            {
                console.Error.WriteLine("Unhandled exception: " + ex);
                return ExitCodes.Failed;
            }
        }

        /// <summary>
        /// The native library that could not be loaded (ImageMagick's, ONNX Runtime's), however deep the type
        /// initializers wrapped it: a platform the package carries no natives for fails on first use of either.
        /// </summary>
        private static DllNotFoundException? MissingNativeLibrary(Exception? exception)
        {
            for (; exception != null; exception = exception.InnerException)
            {
                if (exception is DllNotFoundException missing)
                    return missing;
            }

            return null;
        }
    }
}
