using Spectre.Console;

namespace AnimeGan.Cli.Console
{
    /// <summary>
    /// Spectre.Console's progress display hides the terminal's cursor while it draws and shows it again when it
    /// ends; a Ctrl+C can end the process first (the command line gives a cancelled command two seconds), which
    /// left the cursor hidden in the user's shell. This shows it again the moment the user presses Ctrl+C, and as
    /// the process exits, whichever comes.
    /// </summary>
    internal sealed class LiveProgress : IDisposable
    {
        private readonly CancellationTokenRegistration _onCancel;

        private LiveProgress(CancellationToken cancellationToken)
        {
            _onCancel = cancellationToken.Register(ShowCursor);
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }

        /// <summary>Starts a progress display of these columns that gives the cursor back however it ends.</summary>
        public static void Show(CancellationToken cancellationToken, ProgressColumn[] columns, Action<ProgressContext> work)
        {
            using var restore = new LiveProgress(cancellationToken);
            AnsiConsole.Progress().Columns(columns).Start(work);
        }

        public void Dispose()
        {
            _onCancel.Dispose();
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }

        /// <summary>
        /// Writes the terminal's "show cursor" sequence straight to standard output: through Spectre.Console it would
        /// wait for the live display's next refresh, which a process being stopped may not reach.
        /// </summary>
        private static void ShowCursor()
        {
            var output = global::System.Console.Out;
            output.Write("\u001b[?25h");
            output.Flush();
        }

        private void OnProcessExit(object? sender, EventArgs e) => ShowCursor();
    }
}
