using System.Text.RegularExpressions;

namespace AnimeGan.Release.Tests
{
    /// <summary>The artifacts ./release.sh wrote, and the version they carry.</summary>
    internal static class ReleaseFolder
    {
        private static readonly Lazy<string> Root = new Lazy<string>(FindRepository);

        public static string Repository => Root.Value;

        public static string Path => System.IO.Path.Combine(Repository, "artifacts", "release");

        /// <summary>Gets Directory.Build.props' version, the one every artifact's name carries.</summary>
        public static string Version
            => Regex.Match(File.ReadAllText(System.IO.Path.Combine(Repository, "Directory.Build.props")), "<Version>([^<]+)</Version>").Groups[1].Value;

        /// <summary>Gets an artifact's full path; a missing one fails the test with what to run.</summary>
        public static string Artifact(string name)
        {
            var path = System.IO.Path.Combine(Path, name);
            if (!System.IO.File.Exists(path))
                throw new InvalidOperationException($"{path} is missing: run ./release.sh (test.sh does) before these tests. It holds: {string.Join(", ", Directory.Exists(Path) ? Directory.GetFiles(Path).Select(System.IO.Path.GetFileName) : Array.Empty<string>())}");
            return path;
        }

        private static string FindRepository()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "AnimeGanPlugins.sln")))
                    return dir.FullName;
            }

            throw new InvalidOperationException("The repository (AnimeGanPlugins.sln) is not above the test folder.");
        }
    }
}
