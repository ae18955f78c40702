namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// An sRGB picture in memory: 8-bit RGB interleaved, row after row, with optional 8-bit alpha beside it.
    /// Alpha is kept apart because the models see only colour; it is put back unchanged after stylizing.
    /// </summary>
    public sealed class PixelImage
    {
        /// <summary>Wraps existing buffers (no copy).</summary>
        /// <param name="width">Width in pixels, at least 1.</param>
        /// <param name="height">Height in pixels, at least 1.</param>
        /// <param name="rgb">width * height * 3 bytes.</param>
        /// <param name="alpha">width * height bytes, or null for an opaque picture.</param>
        public PixelImage(int width, int height, byte[] rgb, byte[]? alpha = null)
        {
            if (width < 1 || height < 1)
                throw new ArgumentOutOfRangeException(nameof(width), $"The size {width}x{height} is empty.");
            Throw.IfNull(rgb);
            if (rgb.Length != checked(width * height * 3))
                throw new ArgumentException($"Expected {width * height * 3} RGB bytes, got {rgb.Length}.", nameof(rgb));
            if (alpha != null && alpha.Length != width * height)
                throw new ArgumentException($"Expected {width * height} alpha bytes, got {alpha.Length}.", nameof(alpha));
            Width = width;
            Height = height;
            Rgb = rgb;
            Alpha = alpha;
        }

        /// <summary>Gets the width in pixels.</summary>
        public int Width { get; }

        /// <summary>Gets the height in pixels.</summary>
        public int Height { get; }

        /// <summary>Gets the RGB bytes, 3 per pixel, rows top to bottom.</summary>
        public byte[] Rgb { get; }

        /// <summary>Gets the alpha bytes, 1 per pixel, or null when the picture is opaque.</summary>
        public byte[]? Alpha { get; }

        /// <summary>Gets a copy with other colour and the same alpha.</summary>
        public PixelImage WithRgb(byte[] rgb) => new PixelImage(Width, Height, rgb, Alpha);
    }
}
