namespace AnimeGan.Core
{
    /// <summary>
    /// Where the time of one conversion went, stage by stage, so users and benchmarks can see how much is
    /// spent around the model rather than in it.
    /// </summary>
    public sealed class StageTimings
    {
        /// <summary>Gets the time to read and decode the file (orientation and colour conversion included).</summary>
        public TimeSpan Decode { get; internal set; }

        /// <summary>Gets the time to resample the photo to the working size.</summary>
        public TimeSpan Resize { get; internal set; }

        /// <summary>Gets the time to fill the input tensor.</summary>
        public TimeSpan Pack { get; internal set; }

        /// <summary>Gets the time inside ONNX Runtime's Run for the whole picture.</summary>
        public TimeSpan Inference { get; internal set; }

        /// <summary>Gets the time to turn the output tensor into pixels.</summary>
        public TimeSpan Unpack { get; internal set; }

        /// <summary>Gets the time to bring the result back to full size.</summary>
        public TimeSpan Upsample { get; internal set; }

        /// <summary>Gets the time for face detection and per-face stylization.</summary>
        public TimeSpan Faces { get; internal set; }

        /// <summary>Gets the time to blend with the original: by strength, and keeping its colours when asked.</summary>
        public TimeSpan Blend { get; internal set; }

        /// <summary>Gets the time to encode and write the file.</summary>
        public TimeSpan Encode { get; internal set; }

        /// <summary>Gets the sum of all stages.</summary>
        public TimeSpan Total => Decode + Resize + Pack + Inference + Unpack + Upsample + Faces + Blend + Encode;
    }
}
