using AnimeGan.Core.IO;

namespace AnimeGan.Web.Jobs
{
    /// <summary>Names and content types for files sent back to the browser.</summary>
    internal static class DownloadFiles
    {
        /// <summary>The client's file name with the output suffix and the format's extension, safe to put in a header.</summary>
        public static string DownloadName(string clientName, RasterFormat format)
        {
            var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(clientName.Replace('\\', '/')));
            stem = new string(stem.Where(c => !char.IsControl(c) && Path.GetInvalidFileNameChars().All(bad => bad != c)).ToArray());
            if (string.IsNullOrWhiteSpace(stem))
                stem = "photo";
            return stem + OutputPaths.DefaultSuffix + RasterFormats.Extension(format);
        }

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
