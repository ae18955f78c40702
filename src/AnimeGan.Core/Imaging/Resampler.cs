using ImageMagick;

namespace AnimeGan.Core.Imaging
{
    /// <summary>Resizes RGB buffers with ImageMagick's Lanczos filter, the sharpest of its common filters without visible ringing on photos.</summary>
    public static class Resampler
    {
        /// <summary>Resizes to exactly <paramref name="width"/> x <paramref name="height"/> (aspect ratio not kept).</summary>
        public static byte[] Resize(byte[] rgb, int sourceWidth, int sourceHeight, int width, int height)
        {
            Throw.IfNull(rgb);
            if (sourceWidth == width && sourceHeight == height)
                return rgb;
            using var image = MagickPixels.FromBytes(rgb, sourceWidth, sourceHeight, PixelMapping.RGB);
            image.FilterType = FilterType.Lanczos;
            image.Resize(new MagickGeometry((uint)width, (uint)height) { IgnoreAspectRatio = true });
            return MagickPixels.ToBytes(image, PixelMapping.RGB);
        }
    }
}
