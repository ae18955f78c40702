using AnimeGan.Core.Batches;
using Microsoft.Extensions.FileSystemGlobbing;

namespace AnimeGan.Cli.Commands
{
    /// <summary>
    /// Turns the files, folders and patterns on the command line into photos. Folders and patterns take the
    /// files the engine counts as photos (<see cref="PhotoFolders"/>); a file named explicitly is always
    /// tried, whatever its extension. Patterns are expanded here because not every shell expands them.
    /// </summary>
    internal static class InputExpander
    {
        public static (List<BatchInput> Photos, List<string> Missing) Expand(IEnumerable<string> inputs, bool recurse, string suffix)
        {
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
                    photos.AddRange(PhotoFolders.Expand(input, recurse, suffix));
                }
                else if (input.IndexOfAny(new[] { '*', '?' }) >= 0)
                {
                    var matches = Glob(input, recurse).Where(f => PhotoFolders.IsPhoto(f, suffix)).ToList();
                    if (matches.Count == 0)
                        missing.Add(input);
                    photos.AddRange(matches.Select(f => new BatchInput(f)));
                }
                else
                {
                    missing.Add(input);
                }
            }

            return (photos, missing);
        }

        private static IEnumerable<string> Glob(string pattern, bool recurse)
        {
            // Split at the last separator before the first wildcard: the part before is a plain folder.
            var wildcard = pattern.IndexOfAny(new[] { '*', '?' });
            var separator = pattern.LastIndexOfAny(new[] { '/', '\\' }, wildcard);
            var baseFolder = separator < 0 ? "." : pattern.Substring(0, separator + 1);
            var relative = separator < 0 ? pattern : pattern.Substring(separator + 1);
            if (recurse && !relative.StartsWith("**", StringComparison.Ordinal))
                relative = "**/" + relative;
            if (!Directory.Exists(baseFolder))
                return Enumerable.Empty<string>();
            var matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
            matcher.AddInclude(relative);
            return matcher.GetResultsInFullPath(baseFolder).OrderBy(f => f, StringComparer.Ordinal);
        }
    }
}
