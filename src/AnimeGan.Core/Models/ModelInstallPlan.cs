namespace AnimeGan.Core.Models
{
    /// <summary>
    /// The models a request means, decided before anything is written, with what was refused and why, so a front
    /// end can report every refusal and ask for confirmation model by model without deciding anything itself.
    /// </summary>
    /// <param name="ToInstall">The models to install, in manifest order (or the order the ids were given).</param>
    /// <param name="FromFolder">The local folder they come from; null when they are downloaded.</param>
    /// <param name="Refused">Ids that name no model, each with the engine's message listing the known ones.</param>
    /// <param name="NoPublicDownload">Models "all" leaves out because only a folder can hold them; worth a note, not a failure.</param>
    /// <param name="Problem">Why the request can install nothing at all (a folder with no model file in it); null otherwise.</param>
    public sealed record ModelInstallPlan(
        IReadOnlyList<ModelEntry> ToInstall,
        string? FromFolder,
        IReadOnlyList<AnimeGanException> Refused,
        IReadOnlyList<ModelEntry> NoPublicDownload,
        AnimeGanException? Problem)
    {
        /// <summary>Gets whether each style installed gets its INT8 graph made and its default precision decided (see <see cref="ModelInstallRequest.DecidePrecision"/>).</summary>
        public bool DecidePrecision { get; init; } = true;
    }
}
