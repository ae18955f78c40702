namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// Small JPEG copies of pictures for screens (the web page's before/after, a style sample): decoded
    /// upright and in sRGB like any photo, shrunk by area averaging, without metadata.
    /// </summary>
    public static class PreviewImages
    {
        /// <summary>A JPEG of the picture with its long side at most <paramref name="longSide"/>.</summary>
        public static byte[] Jpeg(PixelImage picture, int longSide, int quality)
        {
            Throw.IfNull(picture);
            var scale = Math.Min(1.0, (double)longSide / Math.Max(picture.Width, picture.Height));
            if (scale < 1)
            {
                var width = Math.Max(1, (int)Math.Round(picture.Width * scale));
                var height = Math.Max(1, (int)Math.Round(picture.Height * scale));
                picture = new PixelImage(width, height, Resampler.Resize(picture.Rgb, picture.Width, picture.Height, width, height));
            }

            using var jpeg = new MemoryStream();
            ImageEncoder.Encode(picture, ImageMetadata.Empty(RasterFormat.Jpeg), jpeg, RasterFormat.Jpeg, quality);
            return jpeg.ToArray();
        }

        /// <summary>A JPEG of the picture in a file, with its long side at most <paramref name="longSide"/>.</summary>
        /// <exception cref="Exceptions.AnimeGanException">The file cannot be read.</exception>
        public static byte[] Jpeg(string path, int longSide, int quality)
            => Jpeg(ImageDecoder.Read(path).Pixels, longSide, quality);
    }
}
