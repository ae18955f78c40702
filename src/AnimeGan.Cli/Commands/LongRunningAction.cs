using System.CommandLine;

namespace AnimeGan.Cli.Commands
{
    /// <summary>
    /// A command action that works for a long time (converting, downloading, optimizing) runs off the invoking thread.
    /// System.CommandLine starts listening for Ctrl+C and SIGTERM only once an action has handed back its task; an
    /// action that did all its work before returning left those signals to their default, which ends the process at
    /// once: no "interrupted" line, no half-written file removed, and a hidden cursor left behind.
    /// </summary>
    internal static class LongRunningAction
    {
        public static Func<ParseResult, CancellationToken, Task<int>> Of(Func<ParseResult, CancellationToken, int> work)
            => (parseResult, cancellationToken) => Task.Run(() => work(parseResult, cancellationToken), CancellationToken.None);
    }
}
