namespace AnimeGan.Core.Imaging
{
    /// <summary>A file's pixels, upright and in sRGB, with the metadata to write back.</summary>
    public sealed class DecodedImage
    {
        internal DecodedImage(PixelImage pixels, ImageMetadata metadata)
        {
            Pixels = pixels;
            Metadata = metadata;
        }

        /// <summary>Gets the pixels, with EXIF orientation applied and colour converted to sRGB.</summary>
        public PixelImage Pixels { get; }

        /// <summary>Gets the metadata to carry to the output.</summary>
        public ImageMetadata Metadata { get; }
    }
}
