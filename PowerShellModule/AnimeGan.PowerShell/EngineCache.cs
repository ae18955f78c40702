using System.Collections.Concurrent;
using AnimeGan.Core;
using AnimeGan.Core.Models;

namespace AnimeGan.PowerShell
{
    /// <summary>
    /// Engines kept for the whole session, one per models folder and ONNX Runtime thread count (a session's
    /// threads are fixed when it is created, and -ThrottleLimit changes how many each run should use), so
    /// the second Convert-ToAnime in a script pays no model load. They live until the process ends, as
    /// PowerShell keeps binary modules loaded.
    /// </summary>
    internal static class EngineCache
    {
        private static readonly ConcurrentDictionary<(string Folder, int Threads), AnimeGanEngine> Engines = new ConcurrentDictionary<(string, int), AnimeGanEngine>();

        /// <summary>Gets how many conversions the session's engines are running now: none once a cmdlet has returned.</summary>
        internal static int Running => System.Linq.Enumerable.Sum(Engines.Values, engine => engine.Running);

        /// <summary>Gets the engine for a models folder, with ONNX Runtime threads sized for <paramref name="inFlight"/> photos at once.</summary>
        public static AnimeGanEngine For(string? modelsFolder, int inFlight = 1)
        {
            var key = (ModelStore.ResolveFolder(modelsFolder), BatchDefaults.ThreadsPerRun(inFlight));
            return Engines.GetOrAdd(key, k => new AnimeGanEngine(new ModelStore(k.Folder), k.Threads));
        }
    }
}
