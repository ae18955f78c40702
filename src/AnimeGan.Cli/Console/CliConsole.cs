using AnimeGan.Core.Exceptions;

namespace AnimeGan.Cli.Console
{
    /// <summary>
    /// Where the CLI writes. Results go to <see cref="Out"/>, problems to <see cref="Error"/>; a progress bar
    /// is drawn only when standard output is a terminal, so pipes and logs get one line per file.
    /// </summary>
    /// <param name="Out">Where results go.</param>
    /// <param name="Error">Where problems, warnings and notes go.</param>
    /// <param name="IsTerminal">Whether standard output is a terminal that can show a progress bar.</param>
    internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsTerminal)
    {
        /// <summary>
        /// The process's own streams. The bar is drawn only where Spectre.Console will animate it: it also looks at
        /// the other streams (with standard error alone redirected it writes scattered status lines instead), and
        /// then the command prints a line per file, as into a pipe.
        /// </summary>
        public static CliConsole System()
            => new CliConsole(
                global::System.Console.Out,
                global::System.Console.Error,
                !global::System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb" && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive);

        public void Fail(string message) => Error.WriteLine("error: " + message);

        /// <summary>Reports an engine failure with the fix in this command line's terms.</summary>
        public void Fail(AnimeGanException error) => Fail(CliErrorText.Describe(error));
    }
}
