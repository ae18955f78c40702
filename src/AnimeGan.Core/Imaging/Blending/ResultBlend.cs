namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// The last step of every stylization, and the only blend there is: the CLI's strength, the web page's
    /// downloads and the Paint.NET effect's tiles all come from <see cref="Pixel"/>, so a picture changed later
    /// from a kept full-strength result is exactly what a conversion with those settings would have written.
    /// The web page's <c>blend.js</c> is the same integer arithmetic, tested against this one.
    /// </summary>
    /// <remarks>
    /// Keep colours takes only the style's light and line work: the stylized luma (BT.601) with the photo's
    /// chroma. YCbCr is a linear change of RGB in which chroma does not depend on luma, so replacing the luma
    /// means adding the luma difference to every channel; each channel is clamped to a byte before strength
    /// mixes it with the photo. Integer arithmetic, exact at strengths 0 and 1, makes every front end match
    /// byte for byte on every machine.
    /// </remarks>
    public static class ResultBlend
    {
        /// <summary>
        /// The strength as a fixed-point weight with 16 fractional bits: exact at the end points and the same
        /// on every machine, so a front end that blends tile by tile matches the engine byte for byte.
        /// </summary>
        /// <param name="strength">0 (the photo) to 1 (the style).</param>
        public static int Weight(double strength) => (int)((Throw.IfOutOfRange(strength, 0, 1) * 65536) + 0.5);

        /// <summary>One pixel of a result: the photo's colour, the full-strength stylized colour, a weight from <see cref="Weight"/>.</summary>
        public static (byte R, byte G, byte B) Pixel(byte sourceR, byte sourceG, byte sourceB, byte styledR, byte styledG, byte styledB, int weight, bool keepColors)
        {
            if (keepColors)
            {
                var shift = ((77 * (styledR - sourceR)) + (150 * (styledG - sourceG)) + (29 * (styledB - sourceB)) + 128) >> 8;
                (styledR, styledG, styledB) = (Clamp(sourceR + shift), Clamp(sourceG + shift), Clamp(sourceB + shift));
            }

            return (Mix(sourceR, styledR, weight), Mix(sourceG, styledG, weight), Mix(sourceB, styledB, weight));
        }

        /// <summary>Blends two whole pictures.</summary>
        /// <param name="source">The photo's RGB.</param>
        /// <param name="styled">The full-strength stylized RGB of the same size.</param>
        /// <param name="strength">0 (the photo) to 1 (the style).</param>
        /// <param name="keepColors">Whether the result takes the photo's own chroma.</param>
        /// <returns><paramref name="styled"/> itself at full strength without kept colours (nothing to compute), else a new buffer. Neither input is changed.</returns>
        public static byte[] Apply(byte[] source, byte[] styled, double strength, bool keepColors)
        {
            Throw.IfNull(source);
            Throw.IfNull(styled);
            if (source.Length != styled.Length || source.Length % 3 != 0)
                throw new ArgumentException("The source and the stylized picture must be RGB of the same size.", nameof(styled));
            var weight = Weight(strength);
            if (weight == 65536 && !keepColors)
                return styled;

            var result = new byte[source.Length];
            const int pixelsPerBlock = 1 << 14;
            var pixels = source.Length / 3;
            Parallel.For(0, (pixels + pixelsPerBlock - 1) / pixelsPerBlock, block =>
            {
                var end = Math.Min(pixels, (block + 1) * pixelsPerBlock) * 3;
                for (var i = block * pixelsPerBlock * 3; i < end; i += 3)
                    (result[i], result[i + 1], result[i + 2]) = Pixel(source[i], source[i + 1], source[i + 2], styled[i], styled[i + 1], styled[i + 2], weight, keepColors);
            });
            return result;
        }

        private static byte Mix(byte source, byte styled, int weight)
            => (byte)(source + ((((styled - source) * weight) + 32768) >> 16));

        private static byte Clamp(int value) => value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)value;
    }
}
