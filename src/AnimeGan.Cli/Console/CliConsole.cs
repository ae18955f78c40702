using System;
using System.IO;
using AnimeGan.Core.Exceptions;

namespace AnimeGan.Cli.Console
{
    /// <summary>
    /// Where the CLI writes. Results go to <see cref="Out"/>, problems to <see cref="Error"/>; a progress bar
    /// is drawn only when standard output is a terminal, so pipes and logs get one line per file.
    /// </summary>
    internal sealed class CliConsole
    {
        public CliConsole(TextWriter output, TextWriter error, bool isTerminal)
        {
            Out = output;
            Error = error;
            IsTerminal = isTerminal;
        }

        public TextWriter Out { get; }

        public TextWriter Error { get; }

        public bool IsTerminal { get; }

        public static CliConsole System()
            => new CliConsole(global::System.Console.Out, global::System.Console.Error, !global::System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb");

        public void Fail(string message) => Error.WriteLine("error: " + message);

        /// <summary>Reports an engine failure with the fix in this command line's terms.</summary>
        public void Fail(AnimeGanException error) => Fail(CliErrorText.Describe(error));
    }
}
