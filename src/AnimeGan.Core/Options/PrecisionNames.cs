namespace AnimeGan.Core
{
    /// <summary>The words every front end takes for a <see cref="Precision"/>: auto, float and int8, in any case.</summary>
    public static class PrecisionNames
    {
        /// <summary>Reads a precision word; null for any other text (a number included), for the caller to refuse naming its own option.</summary>
        public static Precision? Parse(string text)
            => Throw.IfNull(text).ToLowerInvariant() switch
            {
                "auto" => Precision.Auto,
                "float" => Precision.Float,
                "int8" => Precision.Int8,
                _ => null,
            };
    }
}
