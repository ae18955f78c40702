namespace AnimeGan.Cli
{
    /// <summary>The exit codes scripts can rely on.</summary>
    internal static class ExitCodes
    {
        /// <summary>Everything asked for was done.</summary>
        public const int Success = 0;

        /// <summary>At least one file or model failed; the others were still processed.</summary>
        public const int Failed = 1;

        /// <summary>The command line itself was wrong; nothing was done.</summary>
        public const int Usage = 2;

        /// <summary>Interrupted by Ctrl+C; finished outputs are complete, no partial file is left.</summary>
        public const int Interrupted = 130;
    }
}
