using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// The server's conversion slots (<see cref="ServeOptions.Jobs"/>, with <see cref="ServeOptions.QueueLimit"/>
    /// waiting), taken only for the work that needs the CPU: a conversion once its upload has been read and
    /// checked, a full-size download or a zip. A slow upload therefore holds no slot, and style previews and
    /// the page's files never wait behind conversions. The counting is the framework's
    /// <see cref="ConcurrencyLimiter"/>.
    /// </summary>
    internal sealed class ConversionSlots : IDisposable
    {
        private readonly ConcurrencyLimiter _limiter;
        private readonly int _queueLimit;

        public ConversionSlots(ServeOptions options)
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
        {
            http.Response.Headers.RetryAfter = WebServer.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem($"Every conversion slot is taken and {_queueLimit} more are waiting; try again in a few seconds.", statusCode: StatusCodes.Status429TooManyRequests, title: "Busy");
        }

        public void Dispose() => _limiter.Dispose();
    }
}
