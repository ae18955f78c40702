namespace AnimeGan.Core.Imaging
{
    /// <summary>What a picture's first bytes say: its format and size, read without decoding it.</summary>
    /// <param name="Format">The format, by the file's signature.</param>
    /// <param name="Width">The width in pixels, as stored (before any EXIF rotation).</param>
    /// <param name="Height">The height in pixels, as stored.</param>
    public sealed record ImageHeader(RasterFormat Format, int Width, int Height);
}
