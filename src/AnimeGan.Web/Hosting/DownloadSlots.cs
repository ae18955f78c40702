using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// Slots for making downloads (a full-size result, a zip): as many as conversion slots, but their own, so a
    /// download never waits behind queued conversions and a conversion never waits behind downloads. A slot is
    /// held only while the file is encoded into the request's work area; sending it to the client, however slowly
    /// the client reads, holds none. The counting is the framework's <see cref="ConcurrencyLimiter"/>.
    /// </summary>
    internal sealed class DownloadSlots : IDisposable
    {
        private readonly ConcurrencyLimiter _limiter;
        private readonly int _queueLimit;

        public DownloadSlots(ServeOptions options)
        {
            _queueLimit = options.QueueLimit;
            _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = options.Jobs,
                QueueLimit = options.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }

        /// <summary>Waits for a slot; the lease is not acquired when every slot is taken and the queue is full.</summary>
        public ValueTask<RateLimitLease> TakeAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

        /// <summary>The answer when no slot could be had: 429 with Retry-After, as problem details.</summary>
        public IResult Busy(HttpContext http)
            => Problems.RetryLater(http, StatusCodes.Status429TooManyRequests, "Busy", $"Every download slot is taken and {_queueLimit} more are waiting; try again in a few seconds.");

        public void Dispose() => _limiter.Dispose();
    }
}
