namespace AnimeGan.Cli.Commands
{
    /// <summary>`faces`: the photos to look in, the detector, and whether to print JSON.</summary>
    internal sealed record FacesArgs(IReadOnlyList<string> Paths, string? Detector, bool Json, string? ModelsFolder);
}
