namespace AnimeGan.Core
{
    /// <summary>What one file conversion did, for result tables and logs.</summary>
    /// <param name="SourcePath">The full path of the photo read.</param>
    /// <param name="OutputPath">The full path of the file written.</param>
    /// <param name="Style">The style id used.</param>
    /// <param name="Strength">The strength used, 0..1.</param>
    /// <param name="Width">The output width (the source's).</param>
    /// <param name="Height">The output height (the source's).</param>
    /// <param name="WorkingWidth">The width the model ran at.</param>
    /// <param name="WorkingHeight">The height the model ran at.</param>
    /// <param name="FacesFound">How many faces were enhanced separately.</param>
    /// <param name="Duration">The time from reading to the renamed output.</param>
    /// <param name="Timings">Where the time went, stage by stage (of the last frame, for an animation or a clip).</param>
    public sealed record ConversionResult(string SourcePath, string OutputPath, string Style, double Strength, int Width, int Height, int WorkingWidth, int WorkingHeight, int FacesFound, TimeSpan Duration, StageTimings Timings)
    {
        /// <summary>Gets how many frames were stylized: 1 for a photo, more for an animation or a clip.</summary>
        public int Frames { get; init; } = 1;

        /// <summary>
        /// Gets how many faces were left in the scene pass beyond the <see cref="AnimeGanEngine.MaxEnhancedFaces"/>
        /// largest, so a report can say a crowd was not all enhanced.
        /// </summary>
        public int FacesNotEnhanced { get; init; }

        /// <summary>Gets the precision the style ran in, so a report says whether INT8 ran.</summary>
        public Precision Precision { get; init; } = Precision.Float;

        /// <summary>The one way a photo, an animation or a clip reports its conversion: from its last stylized frame.</summary>
        internal static ConversionResult Of(string source, string target, StylizeResult last, int width, int height, int facesFound, TimeSpan duration, int frames = 1)
            => new ConversionResult(source, target, last.Style, last.Strength, width, height, last.WorkingWidth, last.WorkingHeight, facesFound, duration, last.Timings) { Frames = frames, FacesNotEnhanced = last.FacesNotEnhanced, Precision = last.Precision };
    }
}
