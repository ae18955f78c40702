using System.Text.Json;

namespace AnimeGan.Tests
{
    /// <summary>
    /// The one catalogue of test assets: the real models and photos in ../shared beside the repository
    /// (never copied into it). A missing folder fails the test run; it is never a skip.
    /// </summary>
    internal static class TestFiles
    {
        private static readonly Lazy<string> SharedFolder = new Lazy<string>(FindShared);

        public static string Shared => SharedFolder.Value;

        public static string ModelsFolder => Path.Combine(Shared, "models");

        public static string Portraits => Path.Combine(Shared, "images", "portraits");

        public static string Scenes => Path.Combine(Shared, "images", "scenes");

        /// <summary>A 1280x853 street scene with two people.</summary>
        public static string Rickshaw => Path.Combine(Scenes, "v3_3.jpg");

        /// <summary>A 512x512 scene.</summary>
        public static string Square => Path.Combine(Scenes, "v3_8.jpg");

        public static IEnumerable<string> AllPhotos
            => Directory.EnumerateFiles(Portraits, "*.jpg").Concat(Directory.EnumerateFiles(Scenes, "*.jpg")).OrderBy(p => p, StringComparer.Ordinal);

        /// <summary>The true face count of each portrait, from faces.json.</summary>
        public static IReadOnlyDictionary<string, int> PortraitFaceCounts()
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Portraits, "faces.json")));
            return document.RootElement.EnumerateObject().ToDictionary(p => Path.Combine(Portraits, p.Name), p => p.Value.GetInt32());
        }

        private static string FindShared()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("ANIMEGAN_SHARED");
            if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(Path.Combine(fromEnvironment, "models")))
                return Path.GetFullPath(fromEnvironment);
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared");
                if (File.Exists(Path.Combine(candidate, "models", "MODELS.md")))
                    return candidate;
            }

            throw new InvalidOperationException("The shared test folder (../shared with models/ and images/) was not found beside the repository; set ANIMEGAN_SHARED.");
        }
    }
}
