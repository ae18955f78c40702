using System;
using System.Threading.Tasks;

namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// Keeps the photo's own colours and takes only the style's light and line work: each pixel gets the
    /// stylized picture's luma (BT.601) with the source's chroma. Painters ask for this when a style's palette
    /// (Hayao's warm cast, Shinkai's saturated skies) does not suit the picture.
    /// </summary>
    /// <remarks>
    /// YCbCr is a linear change of RGB in which chroma does not depend on luma, so replacing the luma means
    /// adding the luma difference to every channel. Integer arithmetic makes a front end that works pixel by
    /// pixel (Paint.NET's tiles) match the engine byte for byte.
    /// </remarks>
    public static class ColorKeeping
    {
        /// <summary>Returns the stylized picture recoloured with the source's chroma, in a new buffer.</summary>
        /// <param name="source">The photo, RGB.</param>
        /// <param name="styled">The stylized picture, RGB, the same size.</param>
        public static byte[] Apply(byte[] source, byte[] styled)
        {
            Throw.IfNull(source);
            Throw.IfNull(styled);
            if (source.Length != styled.Length || source.Length % 3 != 0)
                throw new ArgumentException("The source and the stylized picture must be RGB of the same size.", nameof(styled));

            var result = new byte[source.Length];
            const int pixelsPerBlock = 1 << 14;
            var pixels = source.Length / 3;
            Parallel.For(0, (pixels + pixelsPerBlock - 1) / pixelsPerBlock, block =>
            {
                var end = Math.Min(pixels, (block + 1) * pixelsPerBlock) * 3;
                for (var i = block * pixelsPerBlock * 3; i < end; i += 3)
                {
                    (result[i], result[i + 1], result[i + 2]) = Pixel(source[i], source[i + 1], source[i + 2], styled[i], styled[i + 1], styled[i + 2]);
                }
            });
            return result;
        }

        /// <summary>
        /// One pixel: the source colour moved by the luma difference styled minus source, in 8-bit steps
        /// (weights 77, 150 and 29 of 256: BT.601's 0.299, 0.587 and 0.114), each channel clamped to a byte.
        /// Front ends that render pixel by pixel call this to match <see cref="Apply"/> exactly.
        /// </summary>
        public static (byte R, byte G, byte B) Pixel(byte sourceR, byte sourceG, byte sourceB, byte styledR, byte styledG, byte styledB)
        {
            var shift = ((77 * (styledR - sourceR)) + (150 * (styledG - sourceG)) + (29 * (styledB - sourceB)) + 128) >> 8;
            return (Shift(sourceR, shift), Shift(sourceG, shift), Shift(sourceB, shift));
        }

        private static byte Shift(byte sourceChannel, int lumaShift)
        {
            var value = sourceChannel + lumaShift;
            return value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)value;
        }
    }
}
