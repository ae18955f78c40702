using System.Diagnostics;
using AnimeGan.Core.Faces;

namespace AnimeGan.Core
{
    /// <summary>
    /// A stylized picture and the facts of how it was made. A class rather than a record: it blends its picture
    /// once, on first use, and a <c>with</c> copy at another strength would carry the first strength's picture.
    /// </summary>
    public sealed class StylizeResult
    {
        private PixelImage? _image;

        internal StylizeResult(KeptResult kept, string style, double strength, bool keepColors, int workingWidth, int workingHeight, IReadOnlyList<DetectedFace> faces, StageTimings timings)
        {
            Kept = kept;
            Style = style;
            Strength = strength;
            KeepColors = keepColors;
            WorkingWidth = workingWidth;
            WorkingHeight = workingHeight;
            Faces = faces;
            Timings = timings;
        }

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

        /// <summary>Gets the photo and its full-strength result, for changing strength or colours without running the model again.</summary>
        public KeptResult Kept { get; }

        /// <summary>Gets the style id used.</summary>
        public string Style { get; }

        /// <summary>Gets the strength used.</summary>
        public double Strength { get; }

        /// <summary>Gets whether <see cref="Image"/> keeps the photo's own colours.</summary>
        public bool KeepColors { get; }

        /// <summary>Gets the width the model ran at (0 when strength 0 skipped the model).</summary>
        public int WorkingWidth { get; }

        /// <summary>Gets the height the model ran at (0 when strength 0 skipped the model).</summary>
        public int WorkingHeight { get; }

        /// <summary>Gets the faces that were stylized at their own scale (empty when face enhancement was off).</summary>
        public IReadOnlyList<DetectedFace> Faces { get; }

        /// <summary>
        /// Gets how many faces large enough to enhance were left in the scene pass because the picture had more
        /// than <see cref="AnimeGanEngine.MaxEnhancedFaces"/>, so a front end can tell its user.
        /// </summary>
        public int FacesNotEnhanced { get; internal init; }

        /// <summary>Gets the precision the style ran in (<see cref="Core.Precision.Float"/> or <see cref="Core.Precision.Int8"/>), so results can name it.</summary>
        public Precision Precision { get; internal init; } = Precision.Float;

        /// <summary>Gets where the time went.</summary>
        public StageTimings Timings { get; }
    }
}
