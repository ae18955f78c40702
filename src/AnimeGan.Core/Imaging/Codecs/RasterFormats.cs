using ImageMagick;

namespace AnimeGan.Core.Imaging
{
    /// <summary>Recognises formats from their first bytes and from file extensions.</summary>
    public static class RasterFormats
    {
        /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
        public const int SniffLength = 16;

        /// <summary>
        /// Names the format from the file's signature, never from its name, so a PNG called .jpg reads
        /// fine and a text file called .jpg is refused.
        /// </summary>
        /// <returns>The format, or null when the bytes are none of the allowed signatures.</returns>
        public static RasterFormat? Sniff(ReadOnlySpan<byte> head)
        {
            if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
                return RasterFormat.Jpeg;
            if (head.Length >= 8 && head[0] == 0x89 && head[1] == 0x50 && head[2] == 0x4E && head[3] == 0x47
                && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A)
                return RasterFormat.Png;
            if (head.Length >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8' && (head[4] == '7' || head[4] == '9') && head[5] == 'a')
                return RasterFormat.Gif;
            if (head.Length >= 2 && head[0] == 'B' && head[1] == 'M')
                return RasterFormat.Bmp;
            if (head.Length >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0) || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42)))
                return RasterFormat.Tiff;
            if (head.Length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P')
                return RasterFormat.WebP;
            if (head.Length >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p')
            {
                var brand = System.Text.Encoding.ASCII.GetString(head.Slice(8, 4).ToArray());
                switch (brand)
                {
                    case "avif":
                    case "avis":
                        return RasterFormat.Avif;
                    case "heic":
                    case "heix":
                    case "heim":
                    case "heis":
                    case "hevc":
                    case "hevx":
                    case "mif1":
                    case "msf1":
                        return RasterFormat.Heic;
                }
            }

            return null;
        }

        /// <summary>Maps an output file extension to a format, for choosing the encoder from the name.</summary>
        /// <returns>The format, or null for an extension the engine does not write.</returns>
        public static RasterFormat? FromExtension(string path)
        {
            switch (Path.GetExtension(path ?? "").ToLowerInvariant())
            {
                case ".jpg":
                case ".jpeg":
                case ".jpe":
                case ".jfif":
                    return RasterFormat.Jpeg;
                case ".png":
                    return RasterFormat.Png;
                case ".webp":
                    return RasterFormat.WebP;
                case ".tif":
                case ".tiff":
                    return RasterFormat.Tiff;
                case ".bmp":
                    return RasterFormat.Bmp;
                case ".gif":
                    return RasterFormat.Gif;
                case ".heic":
                case ".heif":
                    return RasterFormat.Heic;
                case ".avif":
                    return RasterFormat.Avif;
                default:
                    return null;
            }
        }

        /// <summary>Parses a user's format name (jpg, png, webp, ...).</summary>
        /// <returns>The format, or null for an unknown name.</returns>
        public static RasterFormat? Parse(string name) => FromExtension("." + (name ?? "").TrimStart('.'));

        /// <summary>Gets the usual extension, with its dot.</summary>
        public static string Extension(RasterFormat format) => format switch
        {
            RasterFormat.Jpeg => ".jpg",
            RasterFormat.Png => ".png",
            RasterFormat.WebP => ".webp",
            RasterFormat.Tiff => ".tif",
            RasterFormat.Bmp => ".bmp",
            RasterFormat.Gif => ".gif",
            RasterFormat.Heic => ".heic",
            RasterFormat.Avif => ".avif",
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };

        /// <summary>True when the format keeps an alpha channel.</summary>
        public static bool KeepsAlpha(RasterFormat format)
            => format != RasterFormat.Jpeg && format != RasterFormat.Bmp;

        internal static MagickFormat ToMagick(RasterFormat format) => format switch
        {
            RasterFormat.Jpeg => MagickFormat.Jpeg,
            RasterFormat.Png => MagickFormat.Png,
            RasterFormat.WebP => MagickFormat.WebP,
            RasterFormat.Tiff => MagickFormat.Tiff,
            RasterFormat.Bmp => MagickFormat.Bmp,
            RasterFormat.Gif => MagickFormat.Gif,
            RasterFormat.Heic => MagickFormat.Heic,
            RasterFormat.Avif => MagickFormat.Avif,
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }
}
