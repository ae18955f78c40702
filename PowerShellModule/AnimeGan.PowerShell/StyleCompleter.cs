using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using AnimeGan.Core.Models;

namespace AnimeGan.PowerShell
{
    /// <summary>Tab-completes -Style with the installed styles (all known styles when none is installed).</summary>
    public sealed class StyleCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var store = ModelsFolder.StoreFor(fakeBoundParameters);
            var styles = store.Installed(ModelKind.Style);
            if (styles.Count == 0)
                styles = store.Manifest.Styles.ToList();
            return ModelsFolder.Complete(styles, wordToComplete);
        }
    }

    /// <summary>Tab-completes model ids for Install-AnimeModel: every model the manifest knows, face detectors included, but no variant (variants are made, not installed).</summary>
    public sealed class ModelCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
            => ModelsFolder.Complete(ModelsFolder.StoreFor(fakeBoundParameters).Manifest.Models.Where(m => !m.IsVariant), wordToComplete);
    }

    /// <summary>Tab-completes Optimize-AnimeModel's style: the installed styles that are not variants themselves.</summary>
    public sealed class OptimizableStyleCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
            => ModelsFolder.Complete(ModelsFolder.StoreFor(fakeBoundParameters).Installed(ModelKind.Style).Where(m => !m.IsVariant), wordToComplete);
    }

    /// <summary>The models folder a command line being completed names, resolved as the cmdlet itself will resolve it.</summary>
    internal static class ModelsFolder
    {
        public static ModelStore StoreFor(IDictionary? fakeBoundParameters)
        {
            var folder = fakeBoundParameters != null && fakeBoundParameters.Contains("ModelsPath") ? fakeBoundParameters["ModelsPath"] as string : null;
            if (!string.IsNullOrEmpty(folder))
            {
                // Completion runs inside the session's own pipeline, so the path is resolved by a nested one.
                using var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
                shell.AddScript("$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($args[0])").AddArgument(folder);
                try
                {
                    folder = shell.Invoke().FirstOrDefault()?.BaseObject as string;
                }
                catch (RuntimeException)
                {
                    // An unresolvable path completes against the default folder.
                    folder = null;
                }
            }

            return new ModelStore(folder);
        }

        /// <summary>
        /// The ids that begin with what was typed, in the quotes the user opened ('sh, "sh), so a quoted word
        /// completes like a bare one; ids with '@' are quoted, since '@' begins a splat in PowerShell.
        /// </summary>
        public static IEnumerable<CompletionResult> Complete(IEnumerable<ModelEntry> models, string? wordToComplete)
        {
            var typed = wordToComplete ?? "";
            var quote = typed.Length > 0 && (typed[0] == '\'' || typed[0] == '"') ? typed[0].ToString() : "";
            var prefix = typed.Trim('\'', '"');
            return models
                .Where(m => m.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(m => new CompletionResult(
                    quote.Length > 0 ? quote + m.Id + quote : m.IsVariant ? "'" + m.Id + "'" : m.Id,
                    m.Id,
                    CompletionResultType.ParameterValue,
                    $"{m.Title}: {m.Description}"));
        }
    }
}
