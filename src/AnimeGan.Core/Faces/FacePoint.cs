namespace AnimeGan.Core.Faces
{
    /// <summary>A point in source-image pixel coordinates.</summary>
    public readonly struct FacePoint
    {
        /// <summary>Creates a point.</summary>
        public FacePoint(float x, float y)
        {
            X = x;
            Y = y;
        }

        /// <summary>Gets the horizontal position, pixels from the left.</summary>
        public float X { get; }

        /// <summary>Gets the vertical position, pixels from the top.</summary>
        public float Y { get; }

        /// <inheritdoc />
        public override string ToString() => $"({X:0.0}, {Y:0.0})";
    }
}
