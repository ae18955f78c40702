namespace AnimeGan.Core.Faces
{
    /// <summary>The geometry of face enhancement, tuned on the portraits in the test set.</summary>
    internal static class FaceGeometry
    {
        /// <summary>Faces whose box is narrower than this (source pixels) are left to the plain pass: too little to align.</summary>
        public const int MinimumFaceSize = 24;

        /// <summary>The side of the aligned face crop the model sees: AnimeGANv3 portraits are made at 512.</summary>
        public const int CropSize = 512;

        /// <summary>
        /// The five-point template (eyes, nose, mouth corners) on a unit square crop: the common 112-pixel
        /// face template shrunk to 60% around the centre, leaving room for hair above and chin below.
        /// </summary>
        public static readonly FacePoint[] Template =
        {
            Place(38.2946f, 51.6963f),
            Place(73.5318f, 51.5014f),
            Place(56.0252f, 71.7366f),
            Place(41.5493f, 92.3655f),
            Place(70.7299f, 92.2041f),
        };

        /// <summary>
        /// The blend weight at a point of the unit crop: 1 on the face, easing to 0 on an ellipse that
        /// takes in hair and chin, so no seam falls on a feature.
        /// </summary>
        public static float Mask(float u, float v, float featherStart = 0.7f)
        {
            var r = EllipseRadius(u, v);
            if (r <= featherStart)
                return 1f;
            if (r >= 1f)
                return 0f;
            var t = (1f - r) / (1f - featherStart);
            return t * t * (3f - (2f * t));
        }

        /// <summary>How far a point of the unit crop is from the mask's centre: 0.7 where the feathering starts, 1 where the mask ends.</summary>
        public static float EllipseRadius(float u, float v)
        {
            var dx = (u - 0.5f) / 0.40f;
            var dy = (v - 0.47f) / 0.45f;
            return System.MathF.Sqrt((dx * dx) + (dy * dy));
        }

        /// <summary>
        /// How much a point of the unit crop belongs to the eyes and brows or the mouth (1 on them, easing to 0):
        /// ellipses around the template's eyes, raised to take in the brows, and around its mouth.
        /// </summary>
        public static float FeatureWeight(float u, float v)
        {
            var r = Math.Min(
                Math.Min(Ellipse(u, v, Template[0].X, Template[0].Y - 0.025f, 0.085f, 0.065f), Ellipse(u, v, Template[1].X, Template[1].Y - 0.025f, 0.085f, 0.065f)),
                Ellipse(u, v, (Template[3].X + Template[4].X) / 2, (Template[3].Y + Template[4].Y) / 2, 0.12f, 0.055f));
            if (r <= 0.7f)
                return 1f;
            if (r >= 1f)
                return 0f;
            var t = (1f - r) / 0.3f;
            return t * t * (3f - (2f * t));
        }

        private static float Ellipse(float u, float v, float centreX, float centreY, float radiusX, float radiusY)
        {
            var dx = (u - centreX) / radiusX;
            var dy = (v - centreY) / radiusY;
            return System.MathF.Sqrt((dx * dx) + (dy * dy));
        }

        private static FacePoint Place(float x, float y)
            => new FacePoint(0.5f + (((x / 112f) - 0.5f) * 0.6f), 0.5f + (((y / 112f) - 0.5f) * 0.6f));
    }
}
