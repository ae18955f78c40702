namespace AnimeGan.Core.Imaging
{
    /// <summary>A file's pixels, upright and in sRGB, with the metadata to write back.</summary>
    /// <param name="Pixels">The pixels, with EXIF orientation applied and colour converted to sRGB.</param>
    /// <param name="Metadata">The metadata to carry to the output.</param>
    public sealed record DecodedImage(PixelImage Pixels, ImageMetadata Metadata);
}
