using System.Linq;
using System.Management.Automation;
using AnimeGan.Core.Models;

namespace AnimeGan.PowerShell.Cmdlets
{
    /// <summary>Get-AnimeStyle: the installed styles, or with -ListAvailable every style the manifest knows.</summary>
    [Cmdlet(VerbsCommon.Get, "AnimeStyle", HelpUri = HelpLinks.GetAnimeStyle)]
    [OutputType(typeof(AnimeStyleInfo))]
    public sealed class GetAnimeStyleCommand : PSCmdlet
    {
        /// <summary>Gets or sets style ids to show; wildcards allowed.</summary>
        [Parameter(Position = 0)]
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
        protected override void EndProcessing()
        {
            var store = new ModelStore(ProviderPaths.FileSystemFolder(this, ModelsPath, nameof(ModelsPath)));
            var names = Name ?? new[] { "*" };
            var matched = new bool[names.Length];
            foreach (var style in store.Manifest.Styles)
            {
                var installed = store.IsInstalled(style);
                var shown = false;
                for (var i = 0; i < names.Length; i++)
                {
                    if (new WildcardPattern(names[i], WildcardOptions.IgnoreCase).IsMatch(style.Id))
                    {
                        matched[i] |= installed || ListAvailable || !WildcardPattern.ContainsWildcardCharacters(names[i]);
                        shown |= installed || ListAvailable;
                    }
                }

                if (shown)
                    WriteObject(new AnimeStyleInfo(style, installed, style.Id == store.Manifest.DefaultStyleId, store.GetPath(style)));
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

    /// <summary>A style as Get-AnimeStyle shows it.</summary>
    public sealed class AnimeStyleInfo
    {
        internal AnimeStyleInfo(ModelEntry entry, bool installed, bool isDefault, string path)
        {
            Id = entry.Id;
            DisplayName = entry.DisplayName;
            Family = entry.Family;
            Installed = installed;
            IsDefault = isDefault;
            SizeInBytes = entry.SizeInBytes;
            Licence = entry.Licence;
            Description = entry.Description;
            Path = path;
        }

        /// <summary>Gets the id to pass to -Style.</summary>
        public string Id { get; }

        /// <summary>
        /// Gets the display name. Not called Name: piped into Install-AnimeModel or Optimize-AnimeModel, the
        /// id must bind to their -Name (through its Id alias), not the display name.
        /// </summary>
        public string DisplayName { get; }

        /// <summary>Gets the model family.</summary>
        public string Family { get; }

        /// <summary>Gets whether the model file is in the models folder.</summary>
        public bool Installed { get; }

        /// <summary>Gets whether this is the style used without -Style.</summary>
        public bool IsDefault { get; }

        /// <summary>Gets the model file size.</summary>
        public long SizeInBytes { get; }

        /// <summary>Gets the licence.</summary>
        public string Licence { get; }

        /// <summary>Gets what the style looks like.</summary>
        public string Description { get; }

        /// <summary>Gets where the model file is or would be.</summary>
        public string Path { get; }
    }
}
