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
            await Problems.Write(context, StatusCodes.Status401Unauthorized, "Token required", "Open the URL the server printed (it carries ?token=...), or send the token as 'Authorization: Bearer <token>'.").ConfigureAwait(false);
        }

        private bool Matches(string? candidate)
            => !string.IsNullOrEmpty(candidate) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);
    }
}
