namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// A variant the optimizer made and how it fared on this CPU, so every front end tells the user the same
    /// thing: which id to use, and whether it is worth using here at all.
    /// </summary>
    /// <param name="Variant">The registered variant (for example hayao@int8).</param>
    /// <param name="BaseId">The style it was made from.</param>
    /// <param name="Speedup">How many times faster it ran than the graph the engine runs for its base style (ratio of minima of alternating runs).</param>
    /// <param name="CalibratedOnBuiltInScenes">Whether an INT8 variant's activation ranges came from the built-in drawn scenes rather than the user's photos.</param>
    /// <param name="Similarity">How alike its output looks to its base style's on a drawn scene (mean SSIM, 1 for the same picture).</param>
    public sealed record OptimizationVerdict(ModelEntry Variant, string BaseId, double Speedup, bool CalibratedOnBuiltInScenes, double Similarity)
    {
        /// <summary>Gets whether the variant is fast enough here to be worth using over its base style (<see cref="ModelOptimizer.WorthwhileSpeedup"/>).</summary>
        public bool IsFastEnough => Speedup >= ModelOptimizer.WorthwhileSpeedup;

        /// <summary>Gets whether its output looks like its base style's (<see cref="ModelOptimizer.FaithfulSimilarity"/>); below, a user who cares how pictures look keeps the base style.</summary>
        public bool LooksAlike => Similarity >= ModelOptimizer.FaithfulSimilarity;

        /// <summary>Gets whether the variant is worth using over its base style here: fast enough, and looking alike.</summary>
        public bool PaysOff => IsFastEnough && LooksAlike;
    }
}
