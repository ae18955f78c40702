using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// Guards a server that listens beyond this machine, as notebook servers do: the printed URL carries a
    /// token; opening it sets a cookie, so the page's own requests pass, and API clients send it as a bearer
    /// token. Without it every request gets 401, except the health check: load balancers, orchestrators and
    /// a container's HEALTHCHECK probe it without credentials, and it tells nothing but "alive".
    /// </summary>
    internal sealed class AccessToken
    {
        public const string CookieName = "animegan_token";

        /// <summary>The liveness endpoint, open to probes.</summary>
        public const string HealthPath = "/healthz";

        /// <summary>The readiness endpoint, open to probes: 503 while the server drains.</summary>
        public const string ReadyPath = "/readyz";

        private readonly RequestDelegate _next;
        private readonly byte[]? _token;

        public AccessToken(RequestDelegate next, ServeOptions options)
        {
            _next = next;
            _token = options.Token == null ? null : Encoding.UTF8.GetBytes(options.Token);
        }

        public async Task InvokeAsync(HttpContext context)
        {
            if (_token == null || context.Request.Path.Equals(HealthPath, StringComparison.Ordinal) || context.Request.Path.Equals(ReadyPath, StringComparison.Ordinal))
            {
                await _next(context).ConfigureAwait(false);
                return;
            }

            var fromQuery = context.Request.Query["token"].ToString();
            if (Matches(fromQuery))
            {
                context.Response.Cookies.Append(CookieName, fromQuery, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, Secure = context.Request.IsHttps });
                await _next(context).ConfigureAwait(false);
                return;
            }

            var header = context.Request.Headers.Authorization.ToString();
            var bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header.Substring(7).Trim() : "";
            if (Matches(bearer) || Matches(context.Request.Cookies[CookieName]))
            {
                await _next(context).ConfigureAwait(false);
                return;
            }

            context.Response.Headers.WWWAuthenticate = "Bearer";
            if (IsPageVisit(context.Request))
            {
                // A person opened the address without its token: a page that says what to do, not JSON.
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(TokenNeededPage).ConfigureAwait(false);
                return;
            }

            await Problems.Write(context, StatusCodes.Status401Unauthorized, "Token required", "Open the URL the server printed (it carries ?token=...), or send the token as 'Authorization: Bearer <token>'.").ConfigureAwait(false);
        }

        /// <summary>What a browser shows when opened without the token.</summary>
        private const string TokenNeededPage = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>AnimeGan: access token needed</title>
            <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#2b2233}code{background:#f6eef3;padding:.1rem .3rem;border-radius:.25rem;overflow-wrap:anywhere}</style></head>
            <body>
            <h1>This AnimeGan server needs its access token</h1>
            <p>It listens beyond its own computer, so only people with its address and token may use it.</p>
            <p>Open the exact address it printed when it started, the one that ends in <code>?token=…</code>. On the computer running it, the window where <code>animegan serve</code> was started shows it. The token is then kept for this browser, and the address bar shows the plain address.</p>
            </body>
            </html>
            """;

        /// <summary>Whether a browser is opening a page (a navigation asking for HTML), rather than a script or an API client.</summary>
        private static bool IsPageVisit(HttpRequest request)
            => HttpMethods.IsGet(request.Method)
               && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
               && !request.Path.StartsWithSegments("/api", StringComparison.Ordinal);

        private bool Matches(string? candidate)
            => !string.IsNullOrEmpty(candidate) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);
    }
}
