namespace AnimeGan.Core.Models
{
    /// <summary>
    /// What a user asked to install, in every front end's terms: named ids, "all", and an optional local folder.
    /// <see cref="ModelInstaller.Plan"/> turns it into the models it means, so the CLI and the cmdlet agree on
    /// what "all" and "no ids" install.
    /// </summary>
    /// <param name="Ids">Model ids as the user typed them; empty for "all" or the defaults.</param>
    /// <param name="All">Every model that can be installed from where the request installs from.</param>
    /// <param name="FromFolder">A local folder holding model files (offline install); null downloads from each model's pinned https source.</param>
    public sealed record ModelInstallRequest(IReadOnlyList<string> Ids, bool All = false, string? FromFolder = null)
    {
        /// <summary>
        /// Gets whether each style installed also gets its INT8 graph made and measured against float on this
        /// processor (about half a minute a style), so the default precision is the faster one from the first
        /// conversion. Off for a folder whose conversions must match the float graph's, or a machine that builds
        /// for another processor.
        /// </summary>
        public bool DecidePrecision { get; init; } = true;

        /// <summary>Every model whose file is in a folder: how CI and tests fill a models folder offline.</summary>
        public static ModelInstallRequest EverythingIn(string folder) => new ModelInstallRequest(Array.Empty<string>(), true, folder);
    }
}
