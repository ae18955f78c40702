using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// Problem details (RFC 9457) for every refusal, with the engine's error codes mapped to HTTP: bad input
    /// is a 4xx naming what is wrong, never a 500.
    /// </summary>
    internal static class Problems
    {
        public static ProblemHttpResult For(AnimeGanException error, string? detail = null)
        {
            var (status, title) = Status(error.Code);
            return TypedResults.Problem(detail ?? error.Message, statusCode: status, title: title, extensions: new System.Collections.Generic.Dictionary<string, object?> { ["code"] = error.Code.ToString() });
        }

        public static ProblemHttpResult BadRequest(string detail)
            => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad parameter");

        public static (int Status, string Title) Status(AnimeGanErrorCode code) => code switch
        {
            AnimeGanErrorCode.UnsupportedFormat => (StatusCodes.Status415UnsupportedMediaType, "Not an image"),
            AnimeGanErrorCode.CorruptImage => (StatusCodes.Status422UnprocessableEntity, "Damaged image"),
            AnimeGanErrorCode.ImageTooLarge => (StatusCodes.Status413PayloadTooLarge, "Image too large"),
            AnimeGanErrorCode.InvalidOption or AnimeGanErrorCode.UnknownModel or AnimeGanErrorCode.ModelNotInstalled or AnimeGanErrorCode.ModelContractUnsupported
                => (StatusCodes.Status400BadRequest, "Bad parameter"),
            _ => (StatusCodes.Status500InternalServerError, "Conversion failed"),
        };

        /// <summary>
        /// A refusal the client should try again after <see cref="WebServer.RetryAfterSeconds"/> (busy, stopping):
        /// the problem, with its Retry-After header set on the response.
        /// </summary>
        public static ProblemHttpResult RetryLater(HttpContext http, int status, string title, string detail)
        {
            http.Response.Headers.RetryAfter = WebServer.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(detail, statusCode: status, title: title);
        }

        /// <summary>Writes a problem straight to the response, for middleware that runs outside endpoints.</summary>
        public static Task Write(HttpContext context, int status, string title, string detail)
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }
    }
}
