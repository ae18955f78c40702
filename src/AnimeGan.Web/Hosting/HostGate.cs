using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// Answers only requests whose Host names this machine or a configured name (<see cref="WebServer.AllowedHosts"/>),
    /// so a page elsewhere cannot reach the server through a DNS-rebinding name. It does what the framework's host
    /// filtering does, with the framework's own matching (<see cref="HostString.MatchesAny"/>), but refuses with problem
    /// details like every other refusal instead of an HTML page. The probes (<see cref="AccessToken.HealthPath"/> and
    /// <see cref="AccessToken.ReadyPath"/>) answer on any name: an orchestrator asks by a Service's name or a pod's
    /// address, which no list can hold, and a probe's answer ("ok", "ready") gives a rebinding page nothing.
    /// </summary>
    internal sealed class HostGate
    {
        private readonly RequestDelegate _next;
        private readonly StringSegment[] _allowed;

        public HostGate(RequestDelegate next, ServeOptions options)
        {
            _next = next;
            _allowed = WebServer.AllowedHosts(options).Select(h => new StringSegment(h)).ToArray();
        }

        public Task InvokeAsync(HttpContext context)
        {
            var host = context.Request.Host;
            if ((host.HasValue && HostString.MatchesAny(host.Value, _allowed)) || IsProbe(context.Request))
                return _next(context);
            var named = host.HasValue ? $"the name '{host.Host}'" : "a request without a Host";
            return Problems.Write(context, StatusCodes.Status400BadRequest, "Unknown host", $"This server does not answer {named}; open the address it printed when it started.");
        }

        private static bool IsProbe(HttpRequest request)
            => (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && (request.Path.Equals(AccessToken.HealthPath, StringComparison.Ordinal) || request.Path.Equals(AccessToken.ReadyPath, StringComparison.Ordinal));
    }
}
