using ImageMagick;

namespace AnimeGan.Core.Imaging
{
    /// <summary>Moves raw 8-bit pixel buffers into ImageMagick, for encoding and resampling.</summary>
    internal static class MagickPixels
    {
        public static MagickImage FromBytes(byte[] pixels, int width, int height, PixelMapping mapping)
        {
            var image = new MagickImage();
            try
            {
                image.ReadPixels(pixels, new PixelReadSettings((uint)width, (uint)height, StorageType.Char, mapping));
                return image;
            }
            catch
            {
                image.Dispose();
                throw;
            }
        }

        public static byte[] ToBytes(MagickImage image, PixelMapping mapping)
        {
            using var pixels = image.GetPixelsUnsafe();
            return pixels.ToByteArray(mapping)!;
        }
    }
}
