using System;

namespace AnimeGan.PowerShell
{
    /// <summary>What Convert-ToAnime wrote for one photo; the module's format file shows it as a table row.</summary>
    public sealed class ConversionRecord
    {
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
    }
}
