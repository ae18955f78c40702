using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AnimeGan.Core.Imaging;
using Microsoft.Extensions.FileSystemGlobbing;

namespace AnimeGan.Cli.Commands
{
    /// <summary>One photo to convert and the folder it was found under (for mirroring sub-folders).</summary>
    internal sealed record InputFile(string Path, string? Root);

    /// <summary>
    /// Turns the files, folders and patterns on the command line into photos. Folders and patterns yield
    /// only files with image extensions and skip earlier results (names ending in the suffix); a file named
    /// explicitly is always tried, whatever its extension.
    /// </summary>
    internal static class InputExpander
    {
        public static (List<InputFile> Files, List<string> Missing) Expand(IEnumerable<string> inputs, bool recurse, string suffix)
        {
            var files = new List<InputFile>();
            var missing = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);

            void Add(string path, string? root)
            {
                var full = System.IO.Path.GetFullPath(path);
                if (seen.Add(full))
                    files.Add(new InputFile(full, root));
            }

            foreach (var input in inputs)
            {
                if (File.Exists(input))
                {
                    Add(input, null);
                }
                else if (Directory.Exists(input))
                {
                    var root = System.IO.Path.GetFullPath(input);
                    var option = recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
                    foreach (var file in Directory.EnumerateFiles(root, "*", option).Where(f => IsCandidate(f, suffix)).OrderBy(f => f, StringComparer.Ordinal))
                        Add(file, root);
                }
                else if (input.IndexOfAny(new[] { '*', '?' }) >= 0)
                {
                    var matches = Glob(input, recurse).Where(f => IsCandidate(f, suffix)).ToList();
                    if (matches.Count == 0)
                        missing.Add(input);
                    foreach (var file in matches)
                        Add(file, null);
                }
                else
                {
                    missing.Add(input);
                }
            }

            return (files, missing);
        }

        private static bool IsCandidate(string path, string suffix)
            => RasterFormats.FromExtension(path) != null
               && !System.IO.Path.GetFileNameWithoutExtension(path).EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
               && !System.IO.Path.GetFileName(path).StartsWith(".", StringComparison.Ordinal);

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
