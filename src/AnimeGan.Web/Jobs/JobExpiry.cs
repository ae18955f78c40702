using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnimeGan.Web.Jobs
{
    /// <summary>
    /// Removes results unused for <see cref="JobStore.IdleLifetime"/> once a minute, whether or not anyone uses
    /// the server, so photos do not stay on disk past their time on an idle server. Starting, it says how many
    /// folders of servers that had stopped without cleaning up the store removed.
    /// </summary>
    internal sealed class JobExpiry : BackgroundService
    {
        /// <summary>How often expired results are looked for: a result lives at most this much past its idle time.</summary>
        public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

        private readonly JobStore _store;

        public JobExpiry(JobStore store, ILogger<JobExpiry> logger)
        {
            _store = store;
            if (store.RemovedAtStart > 0)
                logger.LogWarning("Removed {Count} folders of uploads and results left by servers that stopped without cleaning up.", store.RemovedAtStart);
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(Interval);
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                    _store.RemoveExpired();
            }
            catch (OperationCanceledException)
            {
                // The server is stopping; the store removes everything at shutdown.
            }
        }
    }
}
