using System;
using System.Collections.Concurrent;
using AnimeGan.Core;
using AnimeGan.Core.Models;

namespace AnimeGan.PowerShell
{
    /// <summary>
    /// One engine per models folder for the whole session, so the second Convert-ToAnime in a script pays
    /// no model load. Engines live until the process ends, as PowerShell keeps binary modules loaded.
    /// </summary>
    internal static class EngineCache
    {
        private static readonly ConcurrentDictionary<string, AnimeGanEngine> Engines = new ConcurrentDictionary<string, AnimeGanEngine>(StringComparer.Ordinal);

        public static AnimeGanEngine For(string? modelsFolder)
        {
            var folder = ModelStore.ResolveFolder(modelsFolder);
            return Engines.GetOrAdd(folder, f => new AnimeGanEngine(new ModelStore(f)));
        }
    }
}
