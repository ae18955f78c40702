namespace AnimeGan.Core.Batches
{
    /// <summary>An input a batch left alone because it is one of this tool's own outputs, and why, in words for the user.</summary>
    public sealed class IgnoredInput
    {
        internal IgnoredInput(string inputPath, string reason)
        {
            InputPath = inputPath;
            Reason = reason;
        }

        /// <summary>Gets the input's full path.</summary>
        public string InputPath { get; }

        /// <summary>Gets why it was left alone, naming the file.</summary>
        public string Reason { get; }
    }
}
