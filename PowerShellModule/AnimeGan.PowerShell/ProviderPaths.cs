using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace AnimeGan.PowerShell
{
    /// <summary>
    /// Turns -Path (wildcards) and -LiteralPath values into file-system paths through the provider, not the
    /// process's current directory, writing a non-terminating error for each one that names no file.
    /// </summary>
    internal static class ProviderPaths
    {
        public static IEnumerable<string> ResolveFiles(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal)
        {
            if (literal)
            {
                foreach (var value in paths)
                {
                    var path = cmdlet.GetUnresolvedProviderPathFromPSPath(value);
                    if (File.Exists(path))
                        yield return path;
                    else
                        cmdlet.WriteError(new ErrorRecord(new FileNotFoundException($"{path}: no such file."), "PathNotFound", ErrorCategory.ObjectNotFound, path));
                }

                yield break;
            }

            foreach (var pattern in paths)
            {
                List<string> resolved;
                try
                {
                    resolved = new List<string>(cmdlet.GetResolvedProviderPathFromPSPath(pattern, out _));
                }
                catch (ItemNotFoundException ex)
                {
                    cmdlet.WriteError(new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, pattern));
                    continue;
                }

                foreach (var path in resolved)
                {
                    if (File.Exists(path))
                        yield return path;
                    else if (!WildcardPattern.ContainsWildcardCharacters(pattern))
                        cmdlet.WriteError(new ErrorRecord(new FileNotFoundException($"{path}: not a file."), "NotAFile", ErrorCategory.InvalidArgument, path));
                }
            }
        }
    }
}
