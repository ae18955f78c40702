using System.Collections.Concurrent;

namespace AnimeGan.Core.Inference
{
    /// <summary>
    /// Loaded models by id: each loads once even when several threads ask at the same time, a failed load is
    /// not kept (the user may fix the file and try again), and disposing the cache disposes what it loaded.
    /// </summary>
    internal sealed class ModelCache<T> : IDisposable
        where T : class, IDisposable
    {
        private readonly ConcurrentDictionary<string, Lazy<T>> _models = new ConcurrentDictionary<string, Lazy<T>>(StringComparer.OrdinalIgnoreCase);

        public T GetOrLoad(string id, Func<T> load)
        {
            var lazy = _models.GetOrAdd(id, _ => new Lazy<T>(load, LazyThreadSafetyMode.ExecutionAndPublication));
            try
            {
                return lazy.Value;
            }
            catch
            {
                _models.TryRemove(id, out _);
                throw;
            }
        }

        public void Dispose()
        {
            foreach (var lazy in _models.Values)
            {
                if (lazy.IsValueCreated)
                    lazy.Value.Dispose();
            }

            _models.Clear();
        }
    }
}
