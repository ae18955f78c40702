namespace AnimeGan.PowerShell
{
    /// <summary>Where Get-Help -Online goes for each cmdlet: its section of the project's README.</summary>
    internal static class HelpLinks
    {
        private const string Readme = "https://github.com/animegan-plugins/animegan-plugins/blob/main/README.md";

        public const string ConvertToAnime = Readme + "#convert-toanime";
        public const string GetAnimeStyle = Readme + "#get-animestyle";
        public const string InstallAnimeModel = Readme + "#install-animemodel";
        public const string GetAnimeFace = Readme + "#get-animeface";
        public const string OptimizeAnimeModel = Readme + "#optimize-animemodel";
    }
}
