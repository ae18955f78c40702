namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// A batch planned in one go, before anything runs: what a dry run (-WhatIf, a listing) shows is what the
    /// real run will do, down to the style and the photos it will refuse.
    /// </summary>
    public sealed class BatchPlan
    {
        internal BatchPlan(string style, IReadOnlyList<PlannedConversion> conversions, IReadOnlyList<BatchOutcome> refused, IReadOnlyList<PlannedConversion> skipped, IReadOnlyList<IgnoredInput> ignored)
        {
            Style = style;
            Conversions = conversions;
            Refused = refused;
            Skipped = skipped;
            Ignored = ignored;
        }

        /// <summary>Gets the id of the style that will run (the manifest's default when none was named).</summary>
        public string Style { get; }

        /// <summary>Gets the photos to convert and their outputs, in input order.</summary>
        public IReadOnlyList<PlannedConversion> Conversions { get; }

        /// <summary>
        /// Gets the photos refused while planning, each with its error: an output another photo already writes
        /// (<see cref="Exceptions.AnimeGanErrorCode.DuplicateOutput"/>), or an output that exists and may not be
        /// replaced (<see cref="Exceptions.AnimeGanErrorCode.OutputExists"/>).
        /// </summary>
        public IReadOnlyList<BatchOutcome> Refused { get; }

        /// <summary>
        /// Gets the photos left alone because their output exists (with <see cref="BatchOptions.SkipExisting"/>
        /// or a shard): what a restarted worker had finished before it stopped.
        /// </summary>
        public IReadOnlyList<PlannedConversion> Skipped { get; }

        /// <summary>
        /// Gets the inputs that are this tool's own outputs (a name ending in the suffix, a file inside a destination
        /// below the photos' folder, or a picture whose EXIF names this tool), left alone so a second run does not
        /// stylize the first run's results.
        /// </summary>
        public IReadOnlyList<IgnoredInput> Ignored { get; }
    }
}
