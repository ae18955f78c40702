using PaintDotNet;

[assembly: PluginSupportInfo(typeof(AnimeGan.PaintDotNet.PluginSupportInfo))]

namespace AnimeGan.PaintDotNet
{
    /// <summary>What Paint.NET shows in its plugin error and about dialogs.</summary>
    public sealed class PluginSupportInfo : IPluginSupportInfo
    {
        /// <inheritdoc />
        public string? DisplayName => "Anime Style (AnimeGan Plugins)";

        /// <inheritdoc />
        public string? Author => "AnimeGan Plugins contributors";

        /// <inheritdoc />
        public string? Copyright => "MIT licence; the style models have their own non-commercial licences";

        /// <inheritdoc />
        public Version? Version => typeof(PluginSupportInfo).Assembly.GetName().Version;

        /// <inheritdoc />
        public Uri? WebsiteUri => new Uri("https://github.com/animegan-plugins/animegan-plugins");
    }
}
