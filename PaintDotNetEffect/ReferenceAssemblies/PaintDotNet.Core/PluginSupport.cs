namespace PaintDotNet
{
    public interface IPluginSupportInfo
    {
        string? DisplayName { get; }

        string? Author { get; }

        string? Copyright { get; }

        System.Version? Version { get; }

        System.Uri? WebsiteUri { get; }
    }

    [System.AttributeUsage(System.AttributeTargets.Assembly | System.AttributeTargets.Class)]
    public sealed class PluginSupportInfoAttribute : System.Attribute
    {
        public PluginSupportInfoAttribute(System.Type pluginSupportInfoProvider) => PluginSupportInfoProvider = pluginSupportInfoProvider;

        internal System.Type PluginSupportInfoProvider { get; }
    }
}
