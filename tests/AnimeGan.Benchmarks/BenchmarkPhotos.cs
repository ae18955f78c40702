namespace AnimeGan.Benchmarks
{
    /// <summary>Test photos at the sizes the measurements need, made from the shared scenes into a scratch folder.</summary>
    internal static class BenchmarkPhotos
    {
        public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "animegan-benchmarks")).FullName;

        /// <summary>The 3840x2160 street scene resampled to the given size, as a JPEG (cached).</summary>
        public static string Scene(int width, int height)
        {
            var path = Path.Combine(Folder, $"scene-{width}x{height}.jpg");
            if (!File.Exists(path))
            {
                using var image = new MagickImage(Path.Combine(TestFiles.Scenes, "v3_6.jpg"));
                image.Resize(new MagickGeometry((uint)width, (uint)height) { IgnoreAspectRatio = true });
                image.Quality = 92;
                image.Write(path, MagickFormat.Jpeg);
            }

            return path;
        }
    }
}
