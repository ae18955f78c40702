using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
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
            var folder = fakeBoundParameters != null && fakeBoundParameters.Contains("ModelsPath") ? fakeBoundParameters["ModelsPath"] as string : null;
            var store = new ModelStore(folder);
            var styles = store.Installed(ModelKind.Style);
            if (styles.Count == 0)
                styles = store.Manifest.Styles.ToList();
            return styles
                .Where(s => s.Id.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
                .Select(s => new CompletionResult(s.Id, s.Id, CompletionResultType.ParameterValue, $"{s.DisplayName} ({s.Family}): {s.Description}"));
        }
    }
}
