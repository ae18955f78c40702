using System;
using System.Threading;

namespace AnimeGan.Tests
{
    /// <summary>
    /// A token that is cancelled after a delay by a thread of its own. <c>new CancellationTokenSource(delay)</c>
    /// fires from the thread pool, which the parallel test projects can starve for seconds on two cores, so a
    /// run meant to be cut short could finish first; a dedicated thread fires on time.
    /// </summary>
    internal sealed class DelayedCancellation : IDisposable
    {
        private readonly CancellationTokenSource _source = new CancellationTokenSource();
        private readonly ManualResetEventSlim _disposed = new ManualResetEventSlim();
        private readonly Thread _thread;

        public DelayedCancellation(TimeSpan delay)
        {
            _thread = new Thread(() =>
            {
                if (!_disposed.Wait(delay))
                    _source.Cancel();
            })
            {
                IsBackground = true,
                Name = "test cancellation",
            };
            _thread.Start();
        }

        public CancellationToken Token => _source.Token;

        public void Dispose()
        {
            _disposed.Set();
            _thread.Join();
            _source.Dispose();
            _disposed.Dispose();
        }
    }
}
