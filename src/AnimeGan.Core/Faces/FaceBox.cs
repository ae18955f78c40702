namespace AnimeGan.Core.Faces
{
    /// <summary>An axis-aligned face box in source-image pixels.</summary>
    /// <param name="X">The left edge.</param>
    /// <param name="Y">The top edge.</param>
    /// <param name="Width">The width.</param>
    /// <param name="Height">The height.</param>
    public readonly record struct FaceBox(float X, float Y, float Width, float Height)
    {
        /// <summary>Gets the area.</summary>
        public float Area => Math.Max(0, Width) * Math.Max(0, Height);

        /// <summary>Intersection over union, the overlap measure non-maximum suppression uses.</summary>
        public float IntersectionOverUnion(FaceBox other)
        {
            var left = Math.Max(X, other.X);
            var top = Math.Max(Y, other.Y);
            var right = Math.Min(X + Width, other.X + other.Width);
            var bottom = Math.Min(Y + Height, other.Y + other.Height);
            var intersection = Math.Max(0, right - left) * Math.Max(0, bottom - top);
            var union = Area + other.Area - intersection;
            return union <= 0 ? 0 : intersection / union;
        }

        /// <inheritdoc />
        public override string ToString() => $"{X:0},{Y:0} {Width:0}x{Height:0}";
    }
}
