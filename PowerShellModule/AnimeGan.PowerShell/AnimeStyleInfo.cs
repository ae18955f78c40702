using AnimeGan.Core.Models;

namespace AnimeGan.PowerShell
{
    /// <summary>A style as Get-AnimeStyle shows it.</summary>
    public sealed class AnimeStyleInfo
    {
        internal AnimeStyleInfo(ModelEntry entry, bool installed, bool isDefault, string path, string precision)
        {
            Precision = precision;
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

        /// <summary>
        /// Gets which precision the style runs in by default on this processor, and why ("int8: 2.0x, SSIM 0.987",
        /// "float: int8 only 1.1x here"); empty for a style that is not installed.
        /// </summary>
        public string Precision { get; }

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

        /// <summary>Gets the id, so <c>"$style"</c> is what -Style takes.</summary>
        public override string ToString() => Id;
    }
}
