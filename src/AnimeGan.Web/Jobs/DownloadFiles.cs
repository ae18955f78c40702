using AnimeGan.Core.IO;

namespace AnimeGan.Web.Jobs
{
    /// <summary>Names and content types for files sent back to the browser.</summary>
    internal static class DownloadFiles
    {
        /// <summary>The longest file name, in UTF-8 bytes, that every common file system and unzip tool takes.</summary>
        public const int MaxNameBytes = 255;

        /// <summary>
        /// The client's file name with the output suffix and the format's extension, as a name every system can
        /// write: characters Windows refuses (and control characters) become '_', and the stem is shortened, never
        /// the extension, to at most <see cref="MaxNameBytes"/> bytes of UTF-8. <paramref name="copy"/> numbers a
        /// second file of the same name in one zip ("name (2).jpg").
        /// </summary>
        public static string DownloadName(string clientName, RasterFormat format, int copy = 1)
        {
            var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(clientName.Replace('\\', '/')));
            stem = new string(stem.Select(c => char.IsControl(c) || WindowsRefuses.Contains(c) ? '_' : c).ToArray()).Trim().TrimEnd('.');
            if (stem.Trim('_').Length == 0)
                stem = "photo";
            var end = OutputPaths.DefaultSuffix + (copy > 1 ? $" ({copy})" : "") + RasterFormats.Extension(format);
            while (System.Text.Encoding.UTF8.GetByteCount(stem + end) > MaxNameBytes)
                stem = stem.Substring(0, char.IsLowSurrogate(stem[stem.Length - 1]) && stem.Length > 1 ? stem.Length - 2 : stem.Length - 1);
            return stem + end;
        }

        /// <summary>Characters a Windows file name may not hold (Path.GetInvalidFileNameChars on Linux lists only '/').</summary>
        private static readonly char[] WindowsRefuses = { '\\', '/', ':', '*', '?', '"', '<', '>', '|' };

        public static string ContentType(RasterFormat format) => format switch
        {
            RasterFormat.Png => "image/png",
            RasterFormat.WebP => "image/webp",
            RasterFormat.Tiff => "image/tiff",
            RasterFormat.Bmp => "image/bmp",
            RasterFormat.Gif => "image/gif",
            _ => "image/jpeg",
        };
    }
}
