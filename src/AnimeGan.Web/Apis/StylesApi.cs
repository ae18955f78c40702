using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AnimeGan.Web.Apis
{
    /// <summary>/api/styles: the installed styles (as `animegan styles --json` lists them) and a small preview of each.</summary>
    internal static class StylesApi
    {
        public static RouteGroupBuilder MapStyles(this RouteGroupBuilder group)
        {
            group.MapGet("/", (AnimeGanEngine engine) => TypedResults.Ok(StyleSummary.Installed(engine.Store)))
                .Produces<IReadOnlyList<StyleSummary>>();

            group.MapGet("/{id}/preview", IResult (string id, StylePreviews previews, HttpContext http) =>
            {
                var jpeg = previews.For(id);
                if (jpeg == null)
                    return TypedResults.Problem($"No installed style '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown style");
                http.Response.Headers.CacheControl = "public, max-age=3600";
                return TypedResults.File(jpeg, "image/jpeg");
            })
                .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
                .ProducesProblem(StatusCodes.Status404NotFound)
                .RequireRateLimiting(WebServer.ConversionPolicy);
            return group;
        }
    }
}
