using System;
using System.IO;
using AnimeGan.Core.Exceptions;
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
        public static void Encode(PixelImage picture, ImageMetadata metadata, Stream destination, RasterFormat format, int? jpegQuality = null)
        {
            Throw.IfNull(picture);
            Throw.IfNull(metadata);
            Throw.IfNull(destination);
            using var image = ToMagick(picture, RasterFormats.KeepsAlpha(format));
            CarryMetadata(image, metadata);
            image.Format = RasterFormats.ToMagick(format);
            if (format == RasterFormat.Jpeg || format == RasterFormat.WebP || format == RasterFormat.Heic || format == RasterFormat.Avif)
                image.Quality = (uint)Throw.IfOutOfRange(jpegQuality ?? DefaultJpegQuality, 1, 100);

            // Timestamps would make identical conversions differ byte for byte.
            image.Settings.SetDefine(MagickFormat.Png, "exclude-chunks", "date,time");
            image.Write(destination);
        }

        /// <summary>Writes a picture to a file atomically.</summary>
        /// <param name="picture">The pixels.</param>
        /// <param name="metadata">EXIF and colour-profile facts from the source.</param>
        /// <param name="path">The target file.</param>
        /// <param name="format">The format; null chooses it from the extension.</param>
        /// <param name="jpegQuality">1..100 for lossy formats; null for <see cref="DefaultJpegQuality"/>.</param>
        /// <param name="overwrite">Replace an existing file; otherwise an existing file is an error.</param>
        /// <exception cref="AnimeGanException">The target exists, the extension is unknown, or the write failed.</exception>
        public static void Write(PixelImage picture, ImageMetadata metadata, string path, RasterFormat? format = null, int? jpegQuality = null, bool overwrite = false)
        {
            Throw.IfNullOrEmpty(path);
            var target = Path.GetFullPath(path);
            var chosen = format ?? RasterFormats.FromExtension(target)
                ?? throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"{path}: unknown output extension; use .jpg, .png, .webp, .tif, .bmp or .gif, or give a format.", path);
            if (!overwrite && File.Exists(target))
                throw new AnimeGanException(AnimeGanErrorCode.OutputExists, $"{target}: already exists; use overwrite to replace it.", target);

            var folder = Path.GetDirectoryName(target)!;
            var temporary = FileMoves.TemporaryPathFor(target);
            try
            {
                Directory.CreateDirectory(folder);
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                    Encode(picture, metadata, stream, chosen, jpegQuality);
                if (overwrite)
                    FileMoves.Replace(temporary, target);
                else
                    FileMoves.MoveNew(temporary, target);
            }
            catch (IOException) when (!overwrite && File.Exists(target))
            {
                throw new AnimeGanException(AnimeGanErrorCode.OutputExists, $"{target}: already exists (written by something else meanwhile); not replaced.", target);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is MagickException)
            {
                // The failing path is usually the hidden temporary file, a name the user never chose.
                var reason = ex is UnauthorizedAccessException
                    ? $"no permission to write in {folder}"
                    : ErrorText.FirstLine(ex.Message).Replace(temporary, target);
                throw new AnimeGanException(AnimeGanErrorCode.WriteFailed, $"{target}: cannot write ({reason}).", target, ex);
            }
            finally
            {
                FileMoves.TryDelete(temporary);
            }
        }

        private static MagickImage ToMagick(PixelImage picture, bool keepAlpha)
        {
            if (picture.Alpha == null)
                return MagickPixels.FromBytes(picture.Rgb, picture.Width, picture.Height, PixelMapping.RGB);

            var count = picture.Width * picture.Height;
            if (keepAlpha)
            {
                var rgba = new byte[count * 4];
                for (int i = 0, s = 0, d = 0; i < count; i++, s += 3, d += 4)
                {
                    rgba[d] = picture.Rgb[s];
                    rgba[d + 1] = picture.Rgb[s + 1];
                    rgba[d + 2] = picture.Rgb[s + 2];
                    rgba[d + 3] = picture.Alpha[i];
                }

                return MagickPixels.FromBytes(rgba, picture.Width, picture.Height, PixelMapping.RGBA);
            }

            // A format without alpha: lay the picture on white, as viewers show transparency.
            var flat = new byte[count * 3];
            for (int i = 0, s = 0; i < count; i++, s += 3)
            {
                var a = picture.Alpha[i];
                for (var c = 0; c < 3; c++)
                    flat[s + c] = (byte)(((picture.Rgb[s + c] * a) + (255 * (255 - a)) + 127) / 255);
            }

            return MagickPixels.FromBytes(flat, picture.Width, picture.Height, PixelMapping.RGB);
        }

        private static void CarryMetadata(MagickImage image, ImageMetadata metadata)
        {
            if (metadata.Exif != null)
            {
                var exif = new ExifProfile(metadata.Exif.ToByteArray() ?? Array.Empty<byte>());
                exif.SetValue(ExifTag.Orientation, (ushort)1);
                exif.RemoveThumbnail();
                image.SetProfile(exif);
            }

            image.Orientation = Orientation.TopLeft;
            if (metadata.HadColorProfile)
                image.SetProfile(ColorProfiles.SRGB);
        }

    }
}
