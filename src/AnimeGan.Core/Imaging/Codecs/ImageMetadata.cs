using ImageMagick;

namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// What a decoded file carries besides pixels, kept so the written result still holds the camera's
    /// EXIF data and a colour profile that matches its (now sRGB) pixels.
    /// </summary>
    public sealed class ImageMetadata
    {
        internal ImageMetadata(RasterFormat sourceFormat, IExifProfile? exif, bool hadColorProfile)
        {
            SourceFormat = sourceFormat;
            Exif = exif;
            HadColorProfile = hadColorProfile;
        }

        /// <summary>Metadata for a picture made in memory (a preview, a sample): no EXIF, no colour profile.</summary>
        public static ImageMetadata Empty(RasterFormat format) => new ImageMetadata(format, null, false);

        /// <summary>Gets the format the source was decoded from; the default output format.</summary>
        public RasterFormat SourceFormat { get; }

        /// <summary>Gets the source's EXIF profile, or null.</summary>
        internal IExifProfile? Exif { get; }

        /// <summary>Gets whether the source embedded an ICC profile (the output then embeds sRGB's).</summary>
        public bool HadColorProfile { get; }
    }
}
