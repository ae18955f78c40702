namespace AnimeGan.Core.Options
{
    /// <summary>
    /// How to stylize. Every setting is optional: null means the engine's measured default, so front ends
    /// pass through only what their user actually set.
    /// </summary>
    public sealed record StylizeOptions
    {
        /// <summary>Gets the style model id; null for the manifest's default style.</summary>
        public string? Style { get; init; }

        /// <summary>Gets how much of the stylized picture to use, 0..1; null for 1 (pure model output).</summary>
        public double? Strength { get; init; }

        /// <summary>
        /// Gets the cap on the long side of the size the model runs at; null for
        /// <see cref="AnimeGanEngine.DefaultMaxSize"/>. The output always has the source's full size.
        /// </summary>
        public int? MaxSize { get; init; }

        /// <summary>Gets how the result is brought back to full size; null for <see cref="UpsamplingMode.Guided"/>.</summary>
        public UpsamplingMode? Upsampling { get; init; }

        /// <summary>
        /// Gets whether faces are found and stylized at their own scale (face2paint). Null means on when a
        /// face detector is installed; true insists on it (an error without a detector); false turns it off.
        /// </summary>
        public bool? Faces { get; init; }

        /// <summary>Gets the style used for faces (for example <c>jp-face</c>); null uses <see cref="Style"/>.</summary>
        public string? FaceStyle { get; init; }

        /// <summary>Gets the face detector id; null for <see cref="AnimeGanEngine.DefaultFaceDetector"/>.</summary>
        public string? FaceDetector { get; init; }

        /// <summary>
        /// Gets whether the photo keeps its own colours and takes only the style's light and lines (see
        /// <see cref="Imaging.ResultBlend"/>); null for false, the style's own palette.
        /// </summary>
        public bool? KeepColors { get; init; }

        /// <summary>
        /// Gets which arithmetic the style runs in; null for <see cref="Core.Precision.Auto"/>, the engine's measured
        /// choice for this processor (INT8 where it is faster and looks the same, docs/optimizer.md).
        /// </summary>
        public Precision? Precision { get; init; }

        /// <summary>
        /// Gets whether a clip's frames are smoothed over time, so still areas do not shimmer from frame to frame
        /// (docs/video.md); null for true. Turn it off to get each frame's own stylization, as a comparison or
        /// for footage that cuts at every frame.
        /// </summary>
        public bool? SmoothFrames { get; init; }
    }
}
