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

        /// <summary>
        /// Resolves photo paths, writing one error per value that names no file, worded by what it does name:
        /// a missing file (ItemNotFoundException, whichever parameter named it), a folder (with the pipeline
        /// that converts its photos), or an item of another provider.
        /// </summary>
        public static IEnumerable<string> ResolveFiles(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal)
        {
            foreach (var value in paths)
            {
                List<string> resolved;
                ProviderInfo provider;
                try
                {
                    resolved = literal
                        ? new List<string> { cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(value, out provider, out _) }
                        : new List<string>(cmdlet.GetResolvedProviderPathFromPSPath(value, out provider));
                }
                catch (ItemNotFoundException ex)
                {
                    cmdlet.WriteError(new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, value));
                    continue;
                }

                if (provider.Name != "FileSystem")
                {
                    cmdlet.WriteError(new ErrorRecord(
                        new ArgumentException($"'{value}' is on the {provider.Name} provider; only file-system paths can be converted."),
                        "NotAFileSystemPath",
                        ErrorCategory.InvalidArgument,
                        value));
                    continue;
                }

                var named = literal || !WildcardPattern.ContainsWildcardCharacters(value);
                foreach (var path in resolved)
                {
                    if (File.Exists(path))
                        yield return path;
                    else if (Directory.Exists(path) && named)
                        cmdlet.WriteError(IsAFolder(cmdlet, path));
                    else if (literal)
                        cmdlet.WriteError(new ErrorRecord(new ItemNotFoundException($"Cannot find path '{path}' because it does not exist."), "PathNotFound", ErrorCategory.ObjectNotFound, path));
                }
            }
        }

        private static ErrorRecord IsAFolder(PSCmdlet cmdlet, string path)
        {
            var command = cmdlet.MyInvocation.MyCommand.Name;
            return new ErrorRecord(
                new ArgumentException($"'{path}' is a folder; to take the photos in it, pipe them in: Get-ChildItem -LiteralPath '{path}' -File | {command}"),
                "PathIsAFolder",
                ErrorCategory.InvalidArgument,
                path);
        }
    }
}
