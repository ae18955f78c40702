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

        /// <summary>
        /// A server without its default style (an empty models volume) cannot convert: 503, so a load balancer
        /// sends the work elsewhere and the operator, not the client, is told what to install.
        /// </summary>
        public static ProblemHttpResult NotReady(ModelStore models)
            => TypedResults.Problem(
                $"This server has no '{models.Manifest.DefaultStyleId}' style installed: its operator must install the models (animegan models install) or mount a models folder that holds them.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "No models");

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

        /// <summary>The title of a 507: the server's disk, or its budget for kept results, has no room.</summary>
        public const string NoRoomTitle = "No room on the server";

        /// <summary>A write or a kept result that found no room: 507 Insufficient Storage, with the reason.</summary>
        public static ProblemHttpResult NoRoom(string detail)
            => TypedResults.Problem(detail, statusCode: StatusCodes.Status507InsufficientStorage, title: NoRoomTitle);

        /// <summary>Why a write found no room, in words for the client who sent <paramref name="fileName"/> (null while it was still arriving).</summary>
        public static string NoRoomDetail(IOException error, string? fileName)
            => error is Jobs.NoRoomToKeepException ? error.Message : $"{(fileName == null ? "The upload" : fileName)}: the server's disk is full; try again later, or send a smaller picture.";

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
