namespace AnimeGan.Core.Models
{
    /// <summary>What installing one model did, so a front end reports it without deciding anything.</summary>
    /// <param name="Model">The model.</param>
    /// <param name="Outcome">Installed, already there, or failed.</param>
    /// <param name="Path">Where its file is (or would be) in the models folder.</param>
    /// <param name="GraphNote">For a style, whether it runs as an optimized graph and why not; null for other models and failures.</param>
    /// <param name="Error">Why it failed; null unless <paramref name="Outcome"/> is <see cref="InstallOutcome.Failed"/>.</param>
    public sealed record ModelInstallResult(ModelEntry Model, InstallOutcome Outcome, string Path, string? GraphNote, AnimeGanException? Error)
    {
        /// <summary>Gets the precision the style will run in by default here and why; null when none was decided (not a style, or not asked).</summary>
        public Onnx.PrecisionVerdict? Precision { get; init; }

        /// <summary>Gets why no precision could be decided although it was asked (the style then runs float); null otherwise.</summary>
        public string? PrecisionProblem { get; init; }
    }
}
