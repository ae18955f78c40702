namespace AnimeGan.Core.Faces
{
    /// <summary>
    /// Rotation, uniform scale and translation: u = a·x − b·y + tx, v = b·x + a·y + ty. Enough to bring any
    /// tilted face upright without distorting it.
    /// </summary>
    /// <param name="A">Scale·cos(angle).</param>
    /// <param name="B">Scale·sin(angle).</param>
    /// <param name="Tx">The horizontal shift.</param>
    /// <param name="Ty">The vertical shift.</param>
    internal readonly record struct SimilarityTransform(float A, float B, float Tx, float Ty)
    {
        /// <summary>The least-squares similarity mapping <paramref name="from"/> onto <paramref name="to"/> (Umeyama, closed form in 2-D).</summary>
        public static SimilarityTransform Estimate(IReadOnlyList<FacePoint> from, IReadOnlyList<FacePoint> to)
        {
            if (from.Count != to.Count || from.Count < 2)
                throw new ArgumentException("Need two or more matching points.");
            float fx = 0, fy = 0, tx = 0, ty = 0;
            for (var i = 0; i < from.Count; i++)
            {
                fx += from[i].X;
                fy += from[i].Y;
                tx += to[i].X;
                ty += to[i].Y;
            }

            var n = from.Count;
            fx /= n;
            fy /= n;
            tx /= n;
            ty /= n;
            float dot = 0, cross = 0, norm = 0;
            for (var i = 0; i < n; i++)
            {
                float x = from[i].X - fx, y = from[i].Y - fy, u = to[i].X - tx, v = to[i].Y - ty;
                dot += (x * u) + (y * v);
                cross += (x * v) - (y * u);
                norm += (x * x) + (y * y);
            }

            if (norm <= 0)
                throw new ArgumentException("The points coincide.");
            var a = dot / norm;
            var b = cross / norm;
            return new SimilarityTransform(a, b, tx - ((a * fx) - (b * fy)), ty - ((b * fx) + (a * fy)));
        }

        /// <summary>Maps a point.</summary>
        public FacePoint Apply(float x, float y) => new FacePoint((A * x) - (B * y) + Tx, (B * x) + (A * y) + Ty);

        /// <summary>Gets the inverse transform.</summary>
        public SimilarityTransform Invert()
        {
            var d = (A * A) + (B * B);
            var a = A / d;
            var b = -B / d;
            return new SimilarityTransform(a, b, -((a * Tx) - (b * Ty)), -((b * Tx) + (a * Ty)));
        }
    }
}
