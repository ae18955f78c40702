namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// What became of one photo of a batch: its result, or the failure that stopped it. Every photo given to a
    /// batch gets exactly one outcome, so a front end can count and report without bookkeeping of its own.
    /// </summary>
    public sealed class BatchOutcome
    {
        internal BatchOutcome(string inputPath, string? outputPath, ConversionResult? result, AnimeGanException? error)
        {
            InputPath = inputPath;
            OutputPath = outputPath;
            Result = result;
            Error = error;
        }

        /// <summary>Gets the full path of the photo.</summary>
        public string InputPath { get; }

        /// <summary>Gets the output the photo was planned to become, or null where none was planned.</summary>
        public string? OutputPath { get; }

        /// <summary>Gets what the conversion did, or null when it failed.</summary>
        public ConversionResult? Result { get; }

        /// <summary>Gets why the photo was not converted, or null when it was; its code says what kind of failure.</summary>
        public AnimeGanException? Error { get; }

        /// <summary>Gets whether the output was written.</summary>
        public bool Succeeded => Result != null;
    }
}
