using System;

namespace AnimeGan.Core
{
    /// <summary>What one file conversion did, for result tables and logs.</summary>
    public sealed class ConversionResult
    {
        internal ConversionResult(string sourcePath, string outputPath, string style, double strength, int width, int height, int workingWidth, int workingHeight, int facesFound, TimeSpan duration, StageTimings timings)
        {
            SourcePath = sourcePath;
            OutputPath = outputPath;
            Style = style;
            Strength = strength;
            Width = width;
            Height = height;
            WorkingWidth = workingWidth;
            WorkingHeight = workingHeight;
            FacesFound = facesFound;
            Duration = duration;
            Timings = timings;
        }

        /// <summary>Gets the full path of the photo read.</summary>
        public string SourcePath { get; }

        /// <summary>Gets the full path of the file written.</summary>
        public string OutputPath { get; }

        /// <summary>Gets the style id used.</summary>
        public string Style { get; }

        /// <summary>Gets the strength used, 0..1.</summary>
        public double Strength { get; }

        /// <summary>Gets the output width (the source's).</summary>
        public int Width { get; }

        /// <summary>Gets the output height (the source's).</summary>
        public int Height { get; }

        /// <summary>Gets the width the model ran at.</summary>
        public int WorkingWidth { get; }

        /// <summary>Gets the height the model ran at.</summary>
        public int WorkingHeight { get; }

        /// <summary>Gets how many faces were enhanced separately.</summary>
        public int FacesFound { get; }

        /// <summary>Gets the time from reading to the renamed output.</summary>
        public TimeSpan Duration { get; }

        /// <summary>Gets how many frames were stylized: 1 for a photo, more for an animation or a clip.</summary>
        public int Frames { get; internal set; } = 1;

        /// <summary>Gets where the time went, stage by stage.</summary>
        public StageTimings Timings { get; }
    }
}
