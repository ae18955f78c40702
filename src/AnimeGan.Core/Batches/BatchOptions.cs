namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// Everything a batch needs besides its photos: how to stylize, how to write, where outputs go and how
    /// many photos run at once. Null settings take the engine's measured defaults.
    /// </summary>
    public sealed record BatchOptions
    {
        /// <summary>Gets how each photo is stylized; null for all defaults.</summary>
        public StylizeOptions? Stylize { get; init; }

        /// <summary>Gets how each output is written; null for all defaults.</summary>
        public OutputOptions? Output { get; init; }

        /// <summary>Gets the folder outputs go to; null puts each beside its photo.</summary>
        public string? Destination { get; init; }

        /// <summary>Gets one output file for a batch of exactly one photo (for example <c>-o art.png</c>); null for planned names.</summary>
        public string? OutputFile { get; init; }

        /// <summary>Gets the text added to output names; null for <see cref="OutputPaths.DefaultSuffix"/>.</summary>
        public string? Suffix { get; init; }

        /// <summary>Gets how many photos are converted at once; null for <see cref="BatchDefaults.Jobs"/>.</summary>
        public int? Jobs { get; init; }

        /// <summary>
        /// Gets whether outcomes come back as photos finish instead of in input order. Input order (the default)
        /// is what a listing or a script expects: the third result is the third photo, whatever ran in parallel.
        /// A caller that only counts or shows progress can take them as they finish.
        /// </summary>
        public bool InCompletionOrder { get; init; }

        /// <summary>Gets this worker's part of a batch shared by several machines; null converts every photo.</summary>
        public Shard? Shard { get; init; }

        /// <summary>
        /// Gets whether a photo whose output already exists is skipped quietly rather than refused as an error.
        /// A worker that was stopped and started again then does only what is missing, and succeeds; a sharded
        /// batch always works this way.
        /// </summary>
        public bool SkipExisting { get; init; }

        /// <summary>
        /// Gets how the user named each setting, so an error names what they typed: it maps a property name of
        /// these options or of <see cref="StylizeOptions"/> and <see cref="OutputOptions"/> (<c>Strength</c>,
        /// <c>Jobs</c>) to a parameter (<c>--strength</c>, <c>-Jobs</c>). Null uses the engine's own words.
        /// </summary>
        public System.Func<string, string>? ParameterName { get; init; }
    }
}
