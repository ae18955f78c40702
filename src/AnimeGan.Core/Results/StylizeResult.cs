using System.Diagnostics;
using AnimeGan.Core.Faces;

namespace AnimeGan.Core
{
    /// <summary>A stylized picture and the facts of how it was made.</summary>
    /// <param name="Kept">The photo and its full-strength result, for changing strength or colours without running the model again.</param>
    /// <param name="Style">The style id used.</param>
    /// <param name="Strength">The strength used.</param>
    /// <param name="KeepColors">Whether <see cref="Image"/> keeps the photo's own colours.</param>
    /// <param name="WorkingWidth">The width the model ran at (0 when strength 0 skipped the model).</param>
    /// <param name="WorkingHeight">The height the model ran at (0 when strength 0 skipped the model).</param>
    /// <param name="Faces">The faces that were stylized at their own scale (empty when face enhancement was off).</param>
    /// <param name="Timings">Where the time went.</param>
    public sealed record StylizeResult(KeptResult Kept, string Style, double Strength, bool KeepColors, int WorkingWidth, int WorkingHeight, IReadOnlyList<DetectedFace> Faces, StageTimings Timings)
    {
        private PixelImage? _image;

        /// <summary>
        /// Gets the stylized picture at <see cref="Strength"/>, at the source's size, with the source's alpha.
        /// At full strength without kept colours it is <see cref="KeptResult.Styled"/> itself; otherwise it is
        /// blended the first time it is asked for.
        /// </summary>
        public PixelImage Image
        {
            get
            {
                if (_image == null)
                {
                    var watch = Stopwatch.StartNew();
                    _image = Kept.Render(Strength, KeepColors);
                    Timings.Blend = watch.Elapsed;
                }

                return _image;
            }
        }
    }
}
