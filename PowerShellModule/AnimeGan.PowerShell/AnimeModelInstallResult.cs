namespace AnimeGan.PowerShell
{
    /// <summary>One installed model, with what the install did, for scripts to check and pipe on.</summary>
    /// <param name="Id">The model id.</param>
    /// <param name="Outcome">Installed or AlreadyInstalled.</param>
    /// <param name="Path">The installed file.</param>
    /// <param name="Licence">The model's licence, which governs what may be done with its pictures.</param>
    /// <param name="OptimizedGraph">For a style, whether it runs as an optimized graph and why not.</param>
    /// <param name="Precision">For a style, the precision it runs in by default on this processor and why ("int8: 1.7x, SSIM 0.981"); empty when not decided.</param>
    public sealed record AnimeModelInstallResult(string Id, string Outcome, string Path, string Licence, string? OptimizedGraph, string Precision)
    {
        /// <summary>Gets the model id, as a style record reads: <c>"$result"</c> is what -Style takes.</summary>
        public override string ToString() => Id;
    }
}
