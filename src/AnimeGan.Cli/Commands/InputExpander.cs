using AnimeGan.Core.Batches;
using AnimeGan.Core.Imaging;
using DotNet.Globbing;

namespace AnimeGan.Cli.Commands
{
    /// <summary>
    /// Turns the files, folders and patterns on the command line into photos. Folders and patterns take the
    /// files the engine counts as photos (<see cref="PhotoFolders"/>); a file named explicitly is always
    /// tried, whatever its extension. Patterns (<c>*</c>, <c>?</c>, <c>[12]</c>, <c>[a-z]</c>, <c>**</c>) are
    /// expanded here because not every shell expands them (Windows' do not), and a pattern's files keep their
    /// folders below the pattern's plain part, as a folder's do, so <c>-r -o out</c> mirrors them.
    /// </summary>
    internal static class InputExpander
    {
        private static readonly char[] Wildcards = { '*', '?', '[' };

        /// <param name="inputs">Files, folders and patterns, as typed.</param>
        /// <param name="recurse">Whether folders and patterns reach into sub-folders.</param>
        /// <param name="suffix">The outputs' suffix, whose files folders and patterns leave out; null to take them too (looking at faces).</param>
        public static (List<BatchInput> Photos, List<string> Missing) Expand(IEnumerable<string> inputs, bool recurse, string? suffix)
        {
            Func<string, bool> isPhoto = suffix == null
                ? f => RasterFormats.FromExtension(f) != null && !Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal)
                : f => PhotoFolders.IsPhoto(f, suffix);
            var photos = new List<BatchInput>();
            var missing = new List<string>();
            foreach (var input in inputs)
            {
                if (File.Exists(input))
                {
                    photos.Add(new BatchInput(Path.GetFullPath(input)));
                }
                else if (Directory.Exists(input))
                {
                    var root = Path.GetFullPath(input);
                    photos.AddRange(Directory.EnumerateFiles(root, "*", recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                        .Where(isPhoto)
                        .OrderBy(f => f, StringComparer.Ordinal)
                        .Select(f => new BatchInput(f, root)));
                }
                else if (IsPattern(input))
                {
                    var (root, matches) = Glob(input, recurse);
                    var kept = matches.Where(isPhoto).ToList();
                    if (kept.Count == 0)
                        missing.Add(input);
                    photos.AddRange(kept.Select(f => new BatchInput(f, root)));
                }
                else
                {
                    missing.Add(input);
                }
            }

            return (photos, missing);
        }

        /// <summary>Whether the text is a pattern rather than a name.</summary>
        public static bool IsPattern(string input) => input.IndexOfAny(Wildcards) >= 0;

        /// <summary>The files a pattern names, below its plain part (the folder before the first wildcard), and that folder.</summary>
        private static (string Root, List<string> Files) Glob(string pattern, bool recurse)
        {
            var wildcard = pattern.IndexOfAny(Wildcards);
            var separator = pattern.LastIndexOfAny(new[] { '/', '\\' }, wildcard);
            var baseFolder = Path.GetFullPath(separator < 0 ? "." : pattern.Substring(0, separator + 1));
            var relative = pattern.Substring(separator + 1).Replace('\\', '/');
            if (!Directory.Exists(baseFolder))
                return (baseFolder, new List<string>());
            var options = new GlobOptions { Evaluation = { CaseInsensitive = true } };
            var globs = new List<Glob> { DotNet.Globbing.Glob.Parse(relative, options) };
            if (recurse && !relative.StartsWith("**", StringComparison.Ordinal))
                globs.Add(DotNet.Globbing.Glob.Parse("**/" + relative, options));
            var deep = recurse || relative.Contains('/', StringComparison.Ordinal);
            var files = Directory.EnumerateFiles(baseFolder, "*", deep ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                .Where(f => globs.Any(g => g.IsMatch(Path.GetRelativePath(baseFolder, f).Replace('\\', '/'))))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            return (baseFolder, files);
        }
    }
}
