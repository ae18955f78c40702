using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// A graceful stop for a server behind a load balancer. When the host begins to stop (SIGTERM, Ctrl+C),
    /// and before the server closes its port, the drain starts: readiness answers 503 so the balancer sends
    /// new work elsewhere, new conversions are turned away with 503 and Retry-After, and the conversions in
    /// flight run to their end, and the results kept but not yet downloaded wait for their download (a page
    /// or client whose conversion just finished comes back for it), for at most
    /// <see cref="ServeOptions.DrainSeconds"/>. Then what still runs is cancelled (<see cref="Abandoned"/>)
    /// and the host goes on stopping.
    /// </summary>
    internal sealed class Drain : IHostedLifecycleService
    {
        private readonly ServeOptions _options;
        // Never disposed: it has no timer, and the host may stop it after the container disposed it.
        private readonly CancellationTokenSource _abandon = new CancellationTokenSource();
        private readonly TaskCompletionSource _started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _gate = new object();
        private TaskCompletionSource _idle = Idle();
        private int _inFlight;

        private readonly ILogger<Drain> _log;

        public Drain(ServeOptions options, ILogger<Drain> log)
        {
            _options = options;
            _log = log;
        }

        /// <summary>Gets whether the server is stopping: not ready, and taking no new conversion.</summary>
        public bool Draining => _started.Task.IsCompleted;

        /// <summary>Gets a task that completes when draining begins (what tests wait on instead of a delay).</summary>
        public Task Started => _started.Task;

        /// <summary>Gets a token cancelled when the drain period is over: conversions still running then stop.</summary>
        public CancellationToken Abandoned => _abandon.Token;

        /// <summary>Counts a conversion in flight, or a result awaiting its download, until the returned handle is disposed.</summary>
        public IDisposable Enter()
        {
            lock (_gate)
            {
                if (_inFlight++ == 0)
                    _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return new Exit(this);
        }

        public async Task StoppingAsync(CancellationToken cancellationToken)
        {
            _started.TrySetResult();
            Task idle;
            int running;
            lock (_gate)
            {
                idle = _idle.Task;
                running = _inFlight;
            }

            _log.LogWarning("Stopping: not ready, new conversions turned away; {Running} conversions or downloads in flight may finish within {Seconds} s.", running, _options.DrainSeconds);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(_options.DrainSeconds));
            await Task.WhenAny(idle, Task.Delay(Timeout.Infinite, limit.Token)).ConfigureAwait(false);
            _abandon.Cancel();
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private static TaskCompletionSource Idle()
        {
            var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle.SetResult();
            return idle;
        }

        private void Leave()
        {
            lock (_gate)
            {
                if (--_inFlight == 0)
                    _idle.TrySetResult();
            }
        }

        private sealed class Exit : IDisposable
        {
            private Drain? _drain;

            public Exit(Drain drain) => _drain = drain;

            public void Dispose() => Interlocked.Exchange(ref _drain, null)?.Leave();
        }
    }
}
