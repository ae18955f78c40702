using System;
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
        /// <summary>
        /// Resolves a folder parameter (-Destination, -ModelsPath, -SourcePath ...) against PowerShell's current
        /// location, PSDrives included, as Copy-Item does; a path on another provider (Variable:, Env:) is a
        /// terminating error rather than a folder of that name in the process's directory.
        /// </summary>
        /// <returns>The file-system path, or null when <paramref name="path"/> is null.</returns>
        public static string? FileSystemFolder(PSCmdlet cmdlet, string? path, string parameterName)
        {
            if (string.IsNullOrEmpty(path))
                return null;
            var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (provider.Name != "FileSystem")
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"-{parameterName} '{path}' is a {provider.Name} path; give a file-system folder."),
                    "NotAFileSystemPath",
                    ErrorCategory.InvalidArgument,
                    path));
            }

            return resolved;
        }

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
