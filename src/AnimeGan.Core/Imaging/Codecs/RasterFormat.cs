namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// The raster formats the engine reads and writes. Only these coders are ever given bytes, so a file
    /// cannot steer ImageMagick into script-like coders (SVG, MVG, MSL, text, ephemeral).
    /// </summary>
    public enum RasterFormat
    {
        /// <summary>JPEG.</summary>
        Jpeg,

        /// <summary>PNG.</summary>
        Png,

        /// <summary>WebP.</summary>
        WebP,

        /// <summary>TIFF.</summary>
        Tiff,

        /// <summary>Windows bitmap.</summary>
        Bmp,

        /// <summary>GIF (first frame only).</summary>
        Gif,

        /// <summary>HEIC (read, where the native library supports it).</summary>
        Heic,

        /// <summary>AVIF (read, where the native library supports it).</summary>
        Avif,
    }
}
