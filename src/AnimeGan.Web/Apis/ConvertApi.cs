using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AnimeGan.Web.Apis
{
    /// <summary>POST /api/convert: one picture in, its anime-style version out, for integrators.</summary>
    internal static class ConvertApi
    {
        /// <summary>The response header that tells an integrator a setting was changed by the server's limits (the working size).</summary>
        public const string NoticeHeader = "AnimeGan-Notice";

        /// <summary>The response header that names the precision the style ran in (float or int8).</summary>
        public const string PrecisionHeader = "AnimeGan-Precision";

        public static RouteGroupBuilder MapConvert(this RouteGroupBuilder group)
        {
            group.MapPost("/", ConvertAsync)
                .Accepts<IFormFile>("multipart/form-data")
                .Produces<byte[]>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp", "image/tiff", "image/bmp", "image/gif")
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
            return group;
        }

        private static async Task<IResult> ConvertAsync(HttpContext http, AnimeGanEngine engine, JobStore store, ServeOptions serve, Drain drain, ConversionSlots slots)
        {
            using var stop = UploadConversion.Token(http);
            var cancellationToken = stop.Token;
            using var area = store.CreateArea();
            var (upload, problem) = await UploadForm.ReadAsync(http, serve, engine.Store, area, cancellationToken).ConfigureAwait(false);
            if (upload == null)
                return problem!;

            try
            {
                // The slot is taken once the photo is here and checked (a slow upload holds none), with the memory it needs.
                var (admission, refusal) = await slots.AdmitAsync(http, upload.EstimatedBytes, cancellationToken).ConfigureAwait(false);
                if (admission == null)
                    return refusal!;
                using var admitted = admission;
                if (upload.Notice != null)
                    http.Response.Headers[NoticeHeader] = upload.Notice;
                if (upload.Animates)
                {
                    var animation = area.File("animation");
                    var conversion = await UploadConversion.RunAnimationAsync(http, upload, animation, cancellationToken).ConfigureAwait(false);
                    http.Response.Headers[PrecisionHeader] = conversion.Precision.ToString().ToLowerInvariant();
                    var animated = upload.Format ?? upload.Header.Format;
                    http.Response.Headers.CacheControl = "private, no-store";
                    return TypedResults.File(await File.ReadAllBytesAsync(animation, cancellationToken).ConfigureAwait(false), DownloadFiles.ContentType(animated), DownloadFiles.DownloadName(upload.FileName, animated));
                }

                var (bytes, format, facesNotEnhanced, precision) = await UploadConversion.RunAsync(http, upload, upload.Stylize, null, Encode, cancellationToken).ConfigureAwait(false);
                http.Response.Headers[PrecisionHeader] = precision.ToString().ToLowerInvariant();
                if (facesNotEnhanced > 0)
                    http.Response.Headers.Append(NoticeHeader, $"{upload.FileName}: {AnimeGanEngine.MaxEnhancedFaces} faces enhanced, the most per picture; {facesNotEnhanced} smaller kept the scene style.");
                http.Response.Headers.CacheControl = "private, no-store";
                return TypedResults.File(bytes, DownloadFiles.ContentType(format), DownloadFiles.DownloadName(upload.FileName, format));
            }
            catch (AnimeGanException ex)
            {
                return Problems.For(ex, upload.Describe(ex));
            }
            catch (OperationCanceledException) when (drain.Abandoned.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
            {
                return Problems.RetryLater(http, StatusCodes.Status503ServiceUnavailable, "Stopping", JobsApi.Stopped(upload));
            }

            (byte[] Bytes, RasterFormat Format, int FacesNotEnhanced, Precision Precision) Encode(StylizeResult result, CancellationToken token)
            {
                using var encoded = new MemoryStream();
                var format = upload.Format ?? result.Kept.DefaultFormat;
                ImageEncoder.Encode(result.Image, result.Kept.Metadata, encoded, format);
                token.ThrowIfCancellationRequested();
                return (encoded.ToArray(), format, result.FacesNotEnhanced, result.Precision);
            }
        }
    }
}
