using Microsoft.AspNetCore.Http;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// Refuses a request that would change something (a conversion, a zip, a delete) when a browser says it comes
    /// from another site: its <c>Origin</c> is not this server, or <c>Sec-Fetch-Site</c> is <c>cross-site</c>.
    /// Without it any web page a local user opens could post photos to their loopback server, which needs no
    /// token. Reading (GET) stays open, and clients that are not browsers send neither header.
    /// </summary>
    internal sealed class SameOriginGate
    {
        private readonly RequestDelegate _next;

        public SameOriginGate(RequestDelegate next) => _next = next;

        public Task InvokeAsync(HttpContext context)
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || !IsCrossSite(request))
                return _next(context);
            return Problems.Write(context, StatusCodes.Status403Forbidden, "Cross-site request", "This server takes work only from its own page or from clients that are not browsers; a request another site's page sent is refused.");
        }

        /// <summary>True when the browser names another site as the request's origin.</summary>
        private static bool IsCrossSite(HttpRequest request)
        {
            if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
                return true;
            var origin = request.Headers.Origin.ToString();
            if (string.IsNullOrEmpty(origin))
                return false;
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var from))
                return true;
            var port = request.Host.Port ?? (from.Scheme == Uri.UriSchemeHttps ? 443 : 80);
            return !string.Equals(from.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase) || from.Port != port;
        }
    }
}
