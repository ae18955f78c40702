namespace AnimeGan.Core.Imaging
{
    /// <summary>Chooses the size a model runs at for a given photo.</summary>
    internal static class WorkingSize
    {
        /// <summary>The smallest side, in size multiples, the model is run at.</summary>
        public const int MinimumMultiples = 4;

        /// <summary>
        /// Scales the photo so its long side is at most <paramref name="maxSize"/> (never enlarging it),
        /// then rounds each side to the nearest multiple of <paramref name="multiple"/>. Each side is at
        /// least <see cref="MinimumMultiples"/> multiples, because the generators' mirror padding needs a
        /// bottleneck of two or more pixels: tiny and extreme-aspect pictures are stretched to that and
        /// resized back afterwards.
        /// </summary>
        public static (int Width, int Height) Choose(int width, int height, int maxSize, int multiple)
        {
            if (width < 1 || height < 1)
                throw new ArgumentOutOfRangeException(nameof(width), $"The size {width}x{height} is empty.");
            if (maxSize < 1)
                throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, "Must be positive.");
            if (multiple < 1)
                throw new ArgumentOutOfRangeException(nameof(multiple), multiple, "Must be positive.");
            var scale = Math.Min(1.0, (double)maxSize / Math.Max(width, height));
            return (Round(width * scale, multiple), Round(height * scale, multiple));
        }

        private static int Round(double value, int multiple)
            => Math.Max(MinimumMultiples * multiple, (int)Math.Round(value / multiple, MidpointRounding.AwayFromZero) * multiple);
    }
}
