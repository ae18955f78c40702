namespace AnimeGan.Core.Video
{
    /// <summary>
    /// Which files are videos (by extension: ffmpeg, not the file name, then decides whether they can be
    /// read), and what container a stylized clip is written in: H.264 goes into MP4, MOV and MKV, so a WebM
    /// clip comes out as MP4.
    /// </summary>
    public static class VideoFiles
    {
        private static readonly string[] Extensions = { ".mp4", ".mov", ".mkv", ".webm", ".m4v" };

        /// <summary>Whether a path names a video by its extension.</summary>
        public static bool IsVideo(string path)
            => Extensions.Contains(Path.GetExtension(path ?? "").ToLowerInvariant());

        /// <summary>The extension a stylized version of this video is written with.</summary>
        public static string OutputExtension(string path)
        {
            var extension = Path.GetExtension(path ?? "").ToLowerInvariant();
            return extension == ".webm" || extension == ".m4v" ? ".mp4" : extension;
        }

        /// <summary>ffmpeg's name for the container a file of this extension is written in.</summary>
        internal static string Container(string path) => Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".mov" => "mov",
            ".mkv" => "matroska",
            _ => "mp4",
        };

        /// <summary>The x264 constant rate factor for a 1..100 quality: 100 gives 12 (near lossless), 1 gives 51.</summary>
        internal static int CrfFor(int quality) => (int)Math.Round(12 + ((100 - Math.Max(1, Math.Min(100, quality))) * 39 / 99.0));
    }
}
