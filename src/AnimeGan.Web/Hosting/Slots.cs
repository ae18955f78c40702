using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// A number of slots for one kind of work (<see cref="ServeOptions.Jobs"/>, with <see cref="ServeOptions.QueueLimit"/>
    /// waiting in order), counted by the framework's <see cref="ConcurrencyLimiter"/>, and the answer a client gets
    /// when none is free.
    /// </summary>
    internal abstract class Slots : IDisposable
    {
        private readonly ConcurrencyLimiter _limiter;
        private readonly int _queueLimit;
        private readonly string _kind;

        /// <param name="options">The server's slot and queue counts.</param>
        /// <param name="kind">What the slots are for, as the busy answer names them ("conversion", "download").</param>
        protected Slots(ServeOptions options, string kind)
        {
            _queueLimit = options.QueueLimit;
            _kind = kind;
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
            => Problems.RetryLater(http, StatusCodes.Status429TooManyRequests, "Busy", $"Every {_kind} slot is taken and {_queueLimit} more are waiting; try again in a few seconds.");

        public void Dispose() => _limiter.Dispose();
    }
}
