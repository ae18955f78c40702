using AnimeGan.Core;

namespace AnimeGan.PowerShell
{
    /// <summary>
    /// What Convert-ToAnime wrote for one photo. It carries the output's provider path as PSPath, the
    /// property the file cmdlets bind -LiteralPath from, so records pipe straight on
    /// (<c>| Invoke-Item</c>, <c>| Copy-Item -Destination</c>, <c>| Remove-Item</c>). A record rather than the
    /// output's FileInfo: the conversion's facts (style, faces, working size, time) stay typed properties that
    /// a table view can show, and nothing is read back from disk to make them.
    /// </summary>
    /// <param name="SourcePath">The photo that was read.</param>
    /// <param name="OutputPath">The file that was written.</param>
    /// <param name="Style">The style id.</param>
    /// <param name="Strength">The strength, 0..1.</param>
    /// <param name="FacesFound">How many faces were enhanced.</param>
    /// <param name="Width">The output width in pixels.</param>
    /// <param name="Height">The output height in pixels.</param>
    /// <param name="Seconds">How long the conversion took, in seconds: a number, so Export-Csv and ConvertTo-Json write one value (a TimeSpan became fifteen).</param>
    public sealed record ConversionRecord(string SourcePath, string OutputPath, string Style, double Strength, int FacesFound, int Width, int Height, double Seconds)
    {
        private const string FileSystemProviderPrefix = "Microsoft.PowerShell.Core\\FileSystem::";

        /// <summary>Gets the precision the style ran in, "float" or "int8" (-Precision Auto chooses per processor).</summary>
        public string Precision { get; init; } = "float";

        /// <summary>Gets the output's file name.</summary>
        public string Name => System.IO.Path.GetFileName(OutputPath);

        /// <summary>Gets the output as a provider path, for the file cmdlets' -LiteralPath.</summary>
        public string PSPath => FileSystemProviderPrefix + OutputPath;

        /// <summary>Gets the output path, as a FileInfo gives its path: <c>"$record"</c> names the file written.</summary>
        public override string ToString() => OutputPath;

        internal static ConversionRecord From(ConversionResult result)
            => new ConversionRecord(result.SourcePath, result.OutputPath, result.Style, result.Strength, result.FacesFound, result.Width, result.Height, Math.Round(result.Duration.TotalSeconds, 3))
            {
                Precision = result.Precision == AnimeGan.Core.Precision.Int8 ? "int8" : "float",
            };
    }
}
