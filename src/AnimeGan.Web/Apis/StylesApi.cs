using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AnimeGan.Web.Apis
{
    /// <summary>/api/styles: the installed styles (as `animegan styles --json` lists them) and a small preview of each; /api/detail-levels: the working sizes offered by name.</summary>
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
                .ProducesProblem(StatusCodes.Status404NotFound);
            return group;
        }

        /// <summary>/api/detail-levels: the named working sizes the page's Detail menu offers, the engine's own.</summary>
        public static RouteGroupBuilder MapDetailLevels(this RouteGroupBuilder group)
        {
            group.MapGet("/", () => TypedResults.Ok(DetailPreset.All.Select(p => new DetailLevelView(p.Label, p.WorkingSize, p.IsDefault))))
                .Produces<IEnumerable<DetailLevelView>>();
            return group;
        }

        /// <summary>One entry of the Detail menu: its text, the maxSize it sends, and whether it is chosen at first.</summary>
        public sealed record DetailLevelView(string Label, int MaxSize, bool IsDefault);
    }
}
