using System.IO;
using System.Threading.Tasks;
using AnimeGan.Core;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.Options;
using AnimeGan.Web.Hosting;
using AnimeGan.Web.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AnimeGan.Web.Apis
{
    /// <summary>POST /api/convert: one picture in, its anime-style version out, for integrators.</summary>
    internal static class ConvertApi
    {
        public static RouteGroupBuilder MapConvert(this RouteGroupBuilder group)
        {
            group.MapPost("/", ConvertAsync)
                .Accepts<IFormFile>("multipart/form-data")
                .Produces<byte[]>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp", "image/tiff", "image/bmp", "image/gif")
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status429TooManyRequests)
                .RequireRateLimiting(WebServer.ConversionPolicy);
            return group;
        }

        private static async Task<IResult> ConvertAsync(HttpContext http, AnimeGanEngine engine, JobStore store)
        {
            using var stop = Conversions.Token(http);
            var cancellationToken = stop.Token;
            using var area = store.CreateArea();
            var (upload, problem) = await UploadForm.ReadAsync(http, engine, area, cancellationToken).ConfigureAwait(false);
            if (upload == null)
                return problem!;

            var format = upload.Format ?? ResultBlend.WritableFormat(upload.Header.Format);
            var output = area.File("result" + RasterFormats.Extension(format));
            try
            {
                var outcome = await Conversions.RunAsync(engine, upload.Path, output, upload.Stylize, new OutputOptions { Format = format }, null, cancellationToken).ConfigureAwait(false);
                if (outcome.Error != null)
                    return Problems.For(outcome.Error, upload.Describe(outcome.Error));
                var bytes = await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false);
                return TypedResults.File(bytes, Naming.ContentType(format), Naming.DownloadName(upload.FileName, format));
            }
            catch (AnimeGanException ex)
            {
                return Problems.For(ex, upload.Describe(ex));
            }
        }
    }
}
