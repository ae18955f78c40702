using System.Management.Automation;
using AnimeGan.Core.Models;

namespace AnimeGan.PowerShell.Cmdlets
{
    /// <summary>Get-AnimeStyle: the installed styles, or with -ListAvailable every style the manifest knows.</summary>
    [Cmdlet(VerbsCommon.Get, "AnimeStyle", HelpUri = HelpLinks.GetAnimeStyle)]
    [OutputType(typeof(AnimeStyleInfo))]
    public sealed class GetAnimeStyleCommand : PSCmdlet
    {
        private readonly List<string> _names = new List<string>();

        /// <summary>Gets or sets style ids to show; wildcards allowed. Takes ids from the pipeline, as text or as the Id of a style record.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(StyleCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Gets or sets whether styles that are not installed are listed too.</summary>
        [Parameter]
        public SwitchParameter ListAvailable { get; set; }

        /// <summary>Gets or sets the models folder.</summary>
        [Parameter]
        public string? ModelsPath { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (Name != null)
                _names.AddRange(Name);
        }

        /// <summary>Lists once all names are in, in manifest order, each style once however many names match it.</summary>
        protected override void EndProcessing()
        {
            var store = new ModelStore(ProviderPaths.FileSystemFolder(this, ModelsPath, nameof(ModelsPath)));
            var names = _names.Count > 0 ? _names.ToArray() : new[] { "*" };
            var matched = new bool[names.Length];
            foreach (var style in store.Manifest.Styles)
            {
                var installed = store.IsInstalled(style);
                var shown = false;
                for (var i = 0; i < names.Length; i++)
                {
                    if (new WildcardPattern(names[i], WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant).IsMatch(style.Id))
                    {
                        matched[i] |= installed || ListAvailable || !WildcardPattern.ContainsWildcardCharacters(names[i]);
                        shown |= installed || ListAvailable;
                    }
                }

                if (shown)
                    WriteObject(new AnimeStyleInfo(style, installed, style.Id == store.Manifest.DefaultStyleId, store.GetPath(style), installed ? StyleSummary.DescribePrecision(store, style) : ""));
            }

            // Like Get-Module or Get-Service: a name without wildcards that matches nothing is an error.
            for (var i = 0; i < names.Length; i++)
            {
                if (matched[i] || WildcardPattern.ContainsWildcardCharacters(names[i]))
                    continue;
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"No style '{names[i]}'. Known styles: {string.Join(", ", store.Manifest.Styles.Select(s => s.Id))}."),
                    "StyleNotFound",
                    ErrorCategory.ObjectNotFound,
                    names[i]));
            }
        }
    }
}
