using System.Collections.Concurrent;
using AnimeGan.Core;
using AnimeGan.Core.Models;

namespace AnimeGan.PaintDotNet
{
    /// <summary>
    /// Where the effect finds models: its own <c>models</c> folder first (drop-in installs), then the
    /// per-user folder the CLI and PowerShell module share. Engines live for the whole Paint.NET session,
    /// so a model loads once however often the dialog is opened.
    /// </summary>
    internal sealed class StyleCatalog
    {
        private static readonly ConcurrentDictionary<string, AnimeGanEngine> Engines = new ConcurrentDictionary<string, AnimeGanEngine>(StringComparer.Ordinal);

        private readonly IReadOnlyList<ModelStore> _stores;

        public StyleCatalog(params string[] folders)
            => _stores = folders.Select(f => new ModelStore(f)).ToList();

        /// <summary>The catalogue Paint.NET uses: the plugin's models folder, then the user's.</summary>
        public static StyleCatalog Default { get; } = new StyleCatalog(
            Path.Combine(Path.GetDirectoryName(typeof(StyleCatalog).Assembly.Location) ?? ".", "models"),
            ModelStore.ResolveFolder());

        /// <summary>Gets the installed styles (from any folder, optimized variants included), in manifest order.</summary>
        public IReadOnlyList<ModelEntry> InstalledStyles
            => _stores.SelectMany(store => store.Installed(ModelKind.Style)).GroupBy(s => s.Id).Select(g => g.First()).ToList();

        /// <summary>Gets the manifest's default style if installed, else the first installed one.</summary>
        public ModelEntry? DefaultStyle
            => InstalledStyles.FirstOrDefault(s => s.Id == ModelManifest.Default.DefaultStyleId) ?? InstalledStyles.FirstOrDefault();

        /// <summary>Gets the engine over the folder that holds the given style.</summary>
        public AnimeGanEngine EngineFor(string styleId)
        {
            var store = _stores.FirstOrDefault(s => s.Manifest.Find(styleId) is ModelEntry entry && s.IsInstalled(entry)) ?? _stores[_stores.Count - 1];
            return Engines.GetOrAdd(store.Folder, _ => new AnimeGanEngine(store));
        }
    }
}
