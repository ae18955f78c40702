using System.Collections.Generic;
using AnimeGan.Core.Faces;
using AnimeGan.Core.Imaging;

namespace AnimeGan.Core
{
    /// <summary>A stylized picture and the facts of how it was made.</summary>
    public sealed class StylizeResult
    {
        internal StylizeResult(PixelImage image, string style, double strength, int workingWidth, int workingHeight, IReadOnlyList<DetectedFace> faces, StageTimings timings)
        {
            Image = image;
            Style = style;
            Strength = strength;
            WorkingWidth = workingWidth;
            WorkingHeight = workingHeight;
            Faces = faces;
            Timings = timings;
        }

        /// <summary>Gets the stylized picture, at the source's size, with the source's alpha.</summary>
        public PixelImage Image { get; }

        /// <summary>Gets the style id used.</summary>
        public string Style { get; }

        /// <summary>Gets the strength used.</summary>
        public double Strength { get; }

        /// <summary>Gets the width the model ran at (0 when strength 0 skipped the model).</summary>
        public int WorkingWidth { get; }

        /// <summary>Gets the height the model ran at (0 when strength 0 skipped the model).</summary>
        public int WorkingHeight { get; }

        /// <summary>Gets the faces that were stylized at their own scale (empty when face enhancement was off).</summary>
        public IReadOnlyList<DetectedFace> Faces { get; }

        /// <summary>Gets where the time went.</summary>
        public StageTimings Timings { get; }
    }
}
