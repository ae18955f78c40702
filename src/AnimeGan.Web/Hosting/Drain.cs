using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// A graceful stop. When the host begins to stop (SIGTERM, Ctrl+C), and before the server closes its port, the
    /// drain starts: readiness answers 503 so a load balancer sends new work elsewhere, new conversions are turned
    /// away with 503 and Retry-After, and the conversions in flight run to their end. A server behind a balancer
    /// (<see cref="ServeOptions.DrainsFully"/>: a replica, or --drain-seconds given) also waits for the results
    /// kept but not yet downloaded (a page whose conversion just finished comes back for it); a server on its own
    /// waits for no download, and with nothing converting stops at once. Either waits at most
    /// <see cref="ServeOptions.DrainSeconds"/>, and a second Ctrl+C ends the wait. Then what still runs is
    /// cancelled (<see cref="Abandoned"/>) and the host goes on stopping.
    /// </summary>
    internal sealed class Drain : IHostedLifecycleService
    {
        private readonly ServeOptions _options;
        // Never disposed: it has no timer, and the host may stop it after the container disposed it.
        private readonly CancellationTokenSource _abandon = new CancellationTokenSource();
        private readonly TaskCompletionSource _started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly InFlight _conversions = new InFlight();
        private readonly InFlight _awaitingDownload = new InFlight();
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

        /// <summary>Counts a conversion in flight until the returned handle is disposed.</summary>
        public IDisposable EnterConversion() => _conversions.Enter();

        /// <summary>Counts a result kept and not yet downloaded until the returned handle is disposed.</summary>
        public IDisposable EnterAwaitingDownload() => _awaitingDownload.Enter();

        /// <summary>Ends the wait now: what still runs is cancelled (a second Ctrl+C).</summary>
        public void StopNow() => _abandon.Cancel();

        public async Task StoppingAsync(CancellationToken cancellationToken)
        {
            _started.TrySetResult();
            var (conversions, converted) = _conversions.Now();
            var downloads = _awaitingDownload.Now().Count;
            var waitForDownloads = _options.DrainsFully && downloads > 0;
            if (conversions == 0 && !waitForDownloads)
            {
                _abandon.Cancel();
                return;
            }

            _log.LogWarning(
                "Stopping: not ready, new conversions turned away; {Conversions} conversions in flight{Downloads} may finish within {Seconds} s (Ctrl+C again stops at once).",
                conversions,
                waitForDownloads ? $" and {downloads} results not yet downloaded" : "",
                _options.DrainSeconds);

            // A second Ctrl+C while waiting stops at once (the host's own handler only asks to stop, again).
            using var again = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
            {
                signal.Cancel = true;
                StopNow();
            });
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abandon.Token);
            limit.CancelAfter(TimeSpan.FromSeconds(_options.DrainSeconds));
            var giveUp = Task.Delay(Timeout.Infinite, limit.Token);
            await Task.WhenAny(converted, giveUp).ConfigureAwait(false);

            // A conversion that ends during the drain keeps its result (counted before its request ends), so a
            // full drain asks again what awaits download once nothing converts, not only what did at the signal.
            if (_options.DrainsFully && !giveUp.IsCompleted)
                await Task.WhenAny(_awaitingDownload.Now().Idle, giveUp).ConfigureAwait(false);
            _abandon.Cancel();
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>A count of things in flight, and a task that completes whenever it is zero.</summary>
        private sealed class InFlight
        {
            private readonly object _gate = new object();
            private TaskCompletionSource _idle = Idle();
            private int _count;

            public IDisposable Enter()
            {
                lock (_gate)
                {
                    if (_count++ == 0)
                        _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                return new Exit(this);
            }

            /// <summary>The count now, and a task that completes when it reaches zero.</summary>
            public (int Count, Task Idle) Now()
            {
                lock (_gate)
                    return (_count, _idle.Task);
            }

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
                    if (--_count == 0)
                        _idle.TrySetResult();
                }
            }

            private sealed class Exit : IDisposable
            {
                private InFlight? _owner;

                public Exit(InFlight owner) => _owner = owner;

                public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Leave();
            }
        }
    }
}
