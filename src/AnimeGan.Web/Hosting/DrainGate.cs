using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// Counts the conversions in flight for the drain, and turns new ones away with 503 and Retry-After
    /// while the server stops, so a load balancer retries them on another replica. Downloads of finished
    /// results still pass.
    /// </summary>
    internal sealed class DrainGate
    {
        private readonly RequestDelegate _next;
        private readonly Drain _drain;

        public DrainGate(RequestDelegate next, Drain drain)
        {
            _next = next;
            _drain = drain;
        }

        public async Task InvokeAsync(HttpContext context)
        {
            if (!StartsAConversion(context.Request))
            {
                await _next(context).ConfigureAwait(false);
                return;
            }

            if (_drain.Draining)
            {
                context.Response.Headers.RetryAfter = WebServer.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Write(context, StatusCodes.Status503ServiceUnavailable, "Stopping", "This server is stopping and takes no new conversion; try again (a load balancer sends it to another server).").ConfigureAwait(false);
                return;
            }

            using (_drain.EnterConversion())
                await _next(context).ConfigureAwait(false);
        }

        private static bool StartsAConversion(HttpRequest request)
            => HttpMethods.IsPost(request.Method)
               && (request.Path.Equals("/api/convert", StringComparison.Ordinal) || request.Path.Equals("/api/jobs", StringComparison.Ordinal));
    }
}
