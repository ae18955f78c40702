using ImageMagick;

namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// Reads photos safely. Bytes go only to the coder their signature names (never one picked from the
    /// file name or a coder prefix), the size is checked from the header before pixels are allocated,
    /// and every result is upright, sRGB, 8-bit, with alpha apart.
    /// </summary>
    public static class ImageDecoder
    {
        /// <summary>The largest picture accepted, in pixels (a 200-megapixel frame).</summary>
        public const long MaxPixels = 200_000_000;

        /// <summary>The largest width or height accepted, in pixels.</summary>
        public const int MaxSide = 65_000;

        static ImageDecoder()
        {
            // A second line of defence behind the header check: ImageMagick itself refuses larger frames.
            if (ResourceLimits.Width > MaxSide)
                ResourceLimits.Width = MaxSide;
            if (ResourceLimits.Height > MaxSide)
                ResourceLimits.Height = MaxSide;
        }

        /// <summary>Reads a file.</summary>
        /// <exception cref="AnimeGanException">Missing, unsupported, damaged or too large; the message names the file.</exception>
        public static DecodedImage Read(string path)
        {
            Throw.IfNullOrEmpty(path);
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new AnimeGanException(AnimeGanErrorCode.InputNotFound, $"{path}: cannot open ({ex.Message}).", path, ex);
            }

            using (stream)
                return Read(stream, path);
        }

        /// <summary>
        /// How many frames a picture holds: more than 1 only for an animated GIF or WebP, which the engine converts
        /// frame by frame when the output is animated too; a front end can size or refuse the work before it runs.
        /// </summary>
        public static int FrameCount(string path) => Animation.AnimatedPictures.FrameCount(path);

        /// <summary>
        /// Reads only what a file says about itself (format by signature, and size from the header) and
        /// checks it against the limits, without decoding pixels: a server can refuse an upload that is not a
        /// picture, or is far too large, before spending memory on it.
        /// </summary>
        /// <exception cref="AnimeGanException">Empty, not a supported format, or larger than <see cref="MaxPixels"/>.</exception>
        public static ImageHeader ReadHeader(Stream stream, string name)
        {
            Throw.IfNull(stream);
            var start = stream.Position;
            var format = SniffFormat(stream, name);
            try
            {
                stream.Position = start;
                var info = LibraryFailures.Decoding(() => new MagickImageInfo(stream, new MagickReadSettings { Format = RasterFormats.ToMagick(format), FrameIndex = 0, FrameCount = 1 }), name, $"the {format} header");
                CheckSize(info.Width, info.Height, name);
                return new ImageHeader(format, (int)info.Width, (int)info.Height);
            }
            finally
            {
                stream.Position = start;
            }
        }

        /// <summary>Reads a seekable stream; <paramref name="name"/> is used in messages only.</summary>
        /// <exception cref="AnimeGanException">Unsupported, damaged or too large; the message names <paramref name="name"/>.</exception>
        public static DecodedImage Read(Stream stream, string name)
        {
            Throw.IfNull(stream);
            if (!stream.CanSeek)
            {
                var copy = new MemoryStream();
                stream.CopyTo(copy);
                copy.Position = 0;
                stream = copy;
            }

            var start = stream.Position;
            var format = SniffFormat(stream, name);

            var settings = new MagickReadSettings
            {
                Format = RasterFormats.ToMagick(format),
                FrameIndex = 0,
                FrameCount = 1,
            };

            return LibraryFailures.Decoding(
                () =>
                {
                    stream.Position = start;
                    var info = new MagickImageInfo(stream, settings);
                    CheckSize(info.Width, info.Height, name);

                    stream.Position = start;
                    var warnings = new List<string>();
                    using var image = new MagickImage();
                    image.Warning += (_, e) => warnings.Add(e.Message);
                    image.Read(stream, settings);
                    var damage = warnings.Find(IsDamageWarning);
                    if (damage != null)
                        throw new AnimeGanException(AnimeGanErrorCode.CorruptImage, $"{name}: the image data is truncated or damaged ({ErrorText.FromImageMagick(damage)}).", name);
                    CheckSize(image.Width, image.Height, name);
                    return ToDecoded(image, format);
                },
                name,
                $"the {format} data");
        }

        /// <summary>Converts a decoded ImageMagick frame into upright sRGB pixels; used for files and for tests' in-memory images.</summary>
        internal static DecodedImage ToDecoded(MagickImage image, RasterFormat format)
        {
            image.AutoOrient();
            var exif = image.GetExifProfile();
            var icc = image.GetColorProfile();
            ToSrgb(image, icc);

            var width = checked((int)image.Width);
            var height = checked((int)image.Height);
            var hasAlpha = image.HasAlpha;
            var bytes = MagickPixels.ToBytes(image, hasAlpha ? PixelMapping.RGBA : PixelMapping.RGB);

            PixelImage picture;
            if (hasAlpha)
            {
                var count = width * height;
                var rgb = new byte[count * 3];
                var alpha = new byte[count];
                for (int i = 0, s = 0, d = 0; i < count; i++, s += 4, d += 3)
                {
                    rgb[d] = bytes[s];
                    rgb[d + 1] = bytes[s + 1];
                    rgb[d + 2] = bytes[s + 2];
                    alpha[i] = bytes[s + 3];
                }

                picture = new PixelImage(width, height, rgb, alpha);
            }
            else
            {
                picture = new PixelImage(width, height, bytes);
            }

            return new DecodedImage(picture, new ImageMetadata(format, exif, icc != null));
        }

        private static void ToSrgb(MagickImage image, IColorProfile? icc)
        {
            if (image.ColorSpace == ColorSpace.CMYK && icc == null)
            {
                // An untagged CMYK file is almost always press CMYK; SWOP is the usual assumption.
                image.TransformColorSpace(ColorProfiles.USWebCoatedSWOP, ColorProfiles.SRGB);
            }
            else if (icc != null && !IsSrgb(icc))
            {
                image.TransformColorSpace(ColorProfiles.SRGB);
            }

            if (image.ColorSpace != ColorSpace.sRGB)
                image.ColorSpace = ColorSpace.sRGB;
            if (image.ColorType != ColorType.TrueColor && image.ColorType != ColorType.TrueColorAlpha)
                image.ColorType = image.HasAlpha ? ColorType.TrueColorAlpha : ColorType.TrueColor;
        }

        private static bool IsSrgb(IColorProfile profile)
            => profile.ColorSpace == ColorSpace.sRGB
               && (profile.Description ?? "").IndexOf("sRGB", StringComparison.OrdinalIgnoreCase) >= 0;

        private static void CheckSize(uint width, uint height, string name)
        {
            if (width == 0 || height == 0)
                throw new AnimeGanException(AnimeGanErrorCode.CorruptImage, $"{name}: the image has no pixels ({width}x{height}).", name);
            if (width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
                throw new AnimeGanException(AnimeGanErrorCode.ImageTooLarge, $"{name}: too large: {width} x {height} is more than the {MaxPixels / 1_000_000} megapixels (or {MaxSide} pixels a side) this tool accepts.", name);
        }

        private static bool IsDamageWarning(string message)
            => message.IndexOf("Premature end", StringComparison.OrdinalIgnoreCase) >= 0
               || message.IndexOf("truncat", StringComparison.OrdinalIgnoreCase) >= 0
               || message.IndexOf("insufficient image data", StringComparison.OrdinalIgnoreCase) >= 0
               || message.IndexOf("corrupt image", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The format a file's first bytes name, among the allowed ones; the stream is left past them.</summary>
        private static RasterFormat SniffFormat(Stream stream, string name)
        {
            var head = new byte[RasterFormats.SniffLength];
            var length = ReadFully(stream, head);
            if (length == 0)
                throw new AnimeGanException(AnimeGanErrorCode.CorruptImage, $"{name}: the file is empty.", name);
            return RasterFormats.Sniff(head.AsSpan(0, length))
                ?? throw new AnimeGanException(AnimeGanErrorCode.UnsupportedFormat, $"{name}: not a JPEG, PNG, WebP, TIFF, BMP, GIF, HEIC or AVIF image.", name);
        }

        private static int ReadFully(Stream stream, byte[] buffer)
        {
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
                total += read;
            return total;
        }

    }
}
