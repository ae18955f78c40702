namespace AnimeGan.Core.Batches
{
    /// <summary>One photo of a batch and the file it will become, as the planner decided.</summary>
    /// <param name="InputPath">The full path of the photo.</param>
    /// <param name="OutputPath">The full path of the output.</param>
    public sealed record PlannedConversion(string InputPath, string OutputPath);
}
