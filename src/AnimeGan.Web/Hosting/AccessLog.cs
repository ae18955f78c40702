using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// One line per request, written when it ends: method, path, status, time and the client's address (the
    /// forwarded one behind a known proxy). The query is never written, so an access token given as ?token= stays
    /// out of the log, and no path holds a file name (results are named by job id). First in the pipeline, so
    /// refusals are logged too.
    /// </summary>
    internal sealed class AccessLog
    {
        /// <summary>The log category, which <c>--no-access-log</c> silences.</summary>
        public const string Category = "AnimeGan.Access";

        private readonly RequestDelegate _next;
        private readonly ILogger _log;

        public AccessLog(RequestDelegate next, ILoggerFactory loggers)
        {
            _next = next;
            _log = loggers.CreateLogger(Category);
        }

        public async Task InvokeAsync(HttpContext context)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await _next(context).ConfigureAwait(false);
            }
            finally
            {
                if (_log.IsEnabled(LogLevel.Information))
                {
                    _log.LogInformation(
                        "{Method} {Path} {Status} {Milliseconds} ms {Client}",
                        context.Request.Method,
                        context.Request.PathBase + context.Request.Path,
                        context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode,
                        (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                        context.Connection.RemoteIpAddress?.ToString() ?? "-");
                }
            }
        }
    }
}
