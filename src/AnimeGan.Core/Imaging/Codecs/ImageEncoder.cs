using ImageMagick;

namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// Writes results without ever exposing a half-written file: encode into a temporary file beside the
    /// target, then rename it into place. An existing file is replaced only when asked.
    /// </summary>
    public static class ImageEncoder
    {
        /// <summary>The JPEG quality used when none is given: visually lossless for stylized art.</summary>
        public const int DefaultJpegQuality = 92;

        /// <summary>Encodes a picture to a stream in the given format.</summary>
        /// <param name="picture">The pixels.</param>
        /// <param name="metadata">EXIF and colour-profile facts from the source.</param>
        /// <param name="destination">Where the encoded bytes go.</param>
        /// <param name="format">The format.</param>
        /// <param name="quality">1..100 for the lossy formats (JPEG, WebP, HEIC, AVIF); null for <see cref="DefaultJpegQuality"/>.</param>
        public static void Encode(PixelImage picture, ImageMetadata metadata, Stream destination, RasterFormat format, int? quality = null)
            => LibraryFailures.Imaging(
                () =>
                {
                    EncodeRaw(picture, metadata, destination, format, quality);
                    return true;
                },
                $"Encoding a {picture?.Width}x{picture?.Height} picture as {format}");

        /// <summary>Encodes without translating Magick.NET's failures, for callers that word them with a file name.</summary>
        private static void EncodeRaw(PixelImage picture, ImageMetadata metadata, Stream destination, RasterFormat format, int? quality)
        {
            Throw.IfNull(picture);
            Throw.IfNull(metadata);
            Throw.IfNull(destination);
            using var image = ToMagick(picture, RasterFormats.KeepsAlpha(format));
            CarryMetadata(image, metadata);
            image.Format = RasterFormats.ToMagick(format);
            if (format == RasterFormat.Jpeg || format == RasterFormat.WebP || format == RasterFormat.Heic || format == RasterFormat.Avif)
                image.Quality = (uint)Throw.IfOutOfRange(quality ?? DefaultJpegQuality, 1, 100);

            // Timestamps would make identical conversions differ byte for byte.
            image.Settings.SetDefine(MagickFormat.Png, "exclude-chunks", "date,time");
            image.Write(destination);
        }

        /// <summary>Writes a picture to a file atomically.</summary>
        /// <param name="picture">The pixels.</param>
        /// <param name="metadata">EXIF and colour-profile facts from the source.</param>
        /// <param name="path">The target file.</param>
        /// <param name="format">The format; null chooses it from the extension.</param>
        /// <param name="quality">1..100 for the lossy formats (JPEG, WebP, HEIC, AVIF); null for <see cref="DefaultJpegQuality"/>.</param>
        /// <param name="overwrite">Replace an existing file; otherwise an existing file is an error.</param>
        /// <exception cref="AnimeGanException">The target exists, the extension is unknown, or the write failed.</exception>
        public static void Write(PixelImage picture, ImageMetadata metadata, string path, RasterFormat? format = null, int? quality = null, bool overwrite = false)
        {
            using var staged = Stage(picture, metadata, path, format, quality, overwrite);
            staged.Commit();
        }

        /// <summary>
        /// Encodes a picture into a hidden temporary file beside its target, to be renamed into place later by
        /// <see cref="StagedFile.Commit"/> or removed by disposing it. A batch stages results while photos
        /// run in parallel and commits each one only when its caller takes it, so stopping a batch leaves
        /// exactly the outputs that were reported.
        /// </summary>
        /// <exception cref="AnimeGanException">The target exists, the extension is unknown, or the encode failed.</exception>
        internal static StagedFile Stage(PixelImage picture, ImageMetadata metadata, string path, RasterFormat? format, int? quality, bool overwrite)
        {
            Throw.IfNullOrEmpty(path);
            var target = Path.GetFullPath(path);
            var chosen = format ?? RasterFormats.FromExtension(target)
                ?? throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"{path}: unknown output extension; use .jpg, .png, .webp, .tif, .bmp or .gif, or give a format.", path);
            if (!overwrite && File.Exists(target))
                throw StagedFile.Exists(target);

            var staged = new StagedFile(target, overwrite);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using (var stream = new FileStream(staged.TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                    EncodeRaw(picture, metadata, stream, chosen, quality);
                return staged;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is MagickException)
            {
                staged.Dispose();
                throw staged.WriteFailed(ex);
            }
            catch
            {
                staged.Dispose();
                throw;
            }
        }

        /// <summary>The picture as an ImageMagick image; without alpha kept, laid on white. Also builds animation frames.</summary>
        internal static MagickImage ToMagick(PixelImage picture, bool keepAlpha)
        {
            if (picture.Alpha == null)
                return MagickPixels.FromBytes(picture.Rgb, picture.Width, picture.Height, PixelMapping.RGB);

            var count = picture.Width * picture.Height;
            var rgba = new byte[count * 4];
            for (int i = 0, s = 0, d = 0; i < count; i++, s += 3, d += 4)
            {
                rgba[d] = picture.Rgb[s];
                rgba[d + 1] = picture.Rgb[s + 1];
                rgba[d + 2] = picture.Rgb[s + 2];
                rgba[d + 3] = picture.Alpha[i];
            }

            var image = MagickPixels.FromBytes(rgba, picture.Width, picture.Height, PixelMapping.RGBA);
            if (!keepAlpha)
            {
                // A format without alpha: lay the picture on white, as viewers show transparency.
                image.BackgroundColor = MagickColors.White;
                image.Alpha(AlphaAction.Remove);
            }

            return image;
        }

        /// <summary>
        /// What every output says in its EXIF Software tag, as photo editors write their own name there: how a
        /// later batch knows one of this tool's outputs whatever it has been renamed to (see Batches/OwnOutputs).
        /// </summary>
        internal const string OutputMarker = "AnimeGan Plugins";

        private static void CarryMetadata(MagickImage image, ImageMetadata metadata)
        {
            var exif = metadata.Exif != null ? new ExifProfile(metadata.Exif.ToByteArray() ?? Array.Empty<byte>()) : new ExifProfile();
            exif.SetValue(ExifTag.Orientation, (ushort)1);
            exif.SetValue(ExifTag.Software, OutputMarker);
            exif.RemoveThumbnail();
            image.SetProfile(exif);

            image.Orientation = Orientation.TopLeft;
            if (metadata.HadColorProfile)
                image.SetProfile(ColorProfiles.SRGB);
        }

    }
}
