using System;
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
    public sealed class ConversionRecord
    {
        private const string FileSystemProviderPrefix = "Microsoft.PowerShell.Core\\FileSystem::";

        internal ConversionRecord(string sourcePath, string outputPath, string style, double strength, int facesFound, int width, int height, TimeSpan duration)
        {
            SourcePath = sourcePath;
            OutputPath = outputPath;
            Style = style;
            Strength = strength;
            FacesFound = facesFound;
            Width = width;
            Height = height;
            Duration = duration;
        }

        /// <summary>Gets the output's file name.</summary>
        public string Name => System.IO.Path.GetFileName(OutputPath);

        /// <summary>Gets the output as a provider path, for the file cmdlets' -LiteralPath.</summary>
        public string PSPath => FileSystemProviderPrefix + OutputPath;

        /// <summary>Gets the photo that was read.</summary>
        public string SourcePath { get; }

        /// <summary>Gets the file that was written.</summary>
        public string OutputPath { get; }

        /// <summary>Gets the style id.</summary>
        public string Style { get; }

        /// <summary>Gets the strength, 0..1.</summary>
        public double Strength { get; }

        /// <summary>Gets how many faces were enhanced.</summary>
        public int FacesFound { get; }

        /// <summary>Gets the output width in pixels.</summary>
        public int Width { get; }

        /// <summary>Gets the output height in pixels.</summary>
        public int Height { get; }

        /// <summary>Gets how long the conversion took.</summary>
        public TimeSpan Duration { get; }

        /// <summary>Gets the output path, as a FileInfo gives its path: <c>"$record"</c> names the file written.</summary>
        public override string ToString() => OutputPath;

        internal static ConversionRecord From(ConversionResult result)
            => new ConversionRecord(result.SourcePath, result.OutputPath, result.Style, result.Strength, result.FacesFound, result.Width, result.Height, result.Duration);
    }
}
