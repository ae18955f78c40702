namespace AnimeGan.Core.Faces
{
    /// <summary>A point in source-image pixel coordinates.</summary>
    /// <param name="X">The horizontal position, pixels from the left.</param>
    /// <param name="Y">The vertical position, pixels from the top.</param>
    public readonly record struct FacePoint(float X, float Y)
    {
        /// <inheritdoc />
        public override string ToString() => $"({X:0.0}, {Y:0.0})";
    }
}
