namespace AnimeGan.Core.Batches
{
    /// <summary>One photo of a batch and the file it will become, as the planner decided.</summary>
    /// <param name="InputPath">The full path of the photo.</param>
    /// <param name="OutputPath">The full path of the output.</param>
    /// <param name="Note">
    /// Something the user asked for that this photo will not get, said before it runs (a still-image format
    /// for a video, which stays a video); null when the plan is exactly what was asked.
    /// </param>
    public sealed record PlannedConversion(string InputPath, string OutputPath, string? Note = null);
}
