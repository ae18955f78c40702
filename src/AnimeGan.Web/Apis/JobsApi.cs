using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
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
    /// <summary>
    /// /api/jobs: what the page uses. A conversion streams its stages as JSON lines while it runs and keeps
    /// the full-strength result, so the page can show before and after, change strength and colours in the
    /// browser, and download at full resolution (one file, or a zip) without running the model again.
    /// </summary>
    internal static class JobsApi
    {
        /// <summary>The long side of the before/after pictures the page compares.</summary>
        public const int PreviewSize = 1280;

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        public static RouteGroupBuilder MapJobs(this RouteGroupBuilder group)
        {
            group.MapPost("/", ConvertAsync).RequireRateLimiting(WebServer.ConversionPolicy);
            group.MapGet("/{id}/preview/{kind}", Preview).RequireRateLimiting(WebServer.ConversionPolicy);
            group.MapGet("/{id}/result", ResultAsync).RequireRateLimiting(WebServer.ConversionPolicy);
            group.MapPost("/zip", ZipAsync).RequireRateLimiting(WebServer.ConversionPolicy);
            group.MapDelete("/{id}", (string id, JobStore store) => store.Remove(id) ? Results.NoContent() : NotFound(id, store));
            return group;
        }

        /// <summary>One entry of a "download all": which result, at which strength and colour choice.</summary>
        public sealed record ZipItem(string Id, double Strength, bool KeepColors);

        /// <summary>The cookie naming the replica that keeps a page's results; a load balancer routes on it.</summary>
        public const string ReplicaCookie = "animegan_replica";

        private static async Task<IResult> ConvertAsync(HttpContext http, AnimeGanEngine engine, JobStore store, ServeOptions serve, Drain drain)
        {
            if (serve.ReplicaId != null)
                http.Response.Cookies.Append(ReplicaCookie, serve.ReplicaId, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });
            using var stop = Conversions.Token(http);
            var cancellationToken = stop.Token;
            var area = store.CreateArea();
            var kept = false;
            try
            {
                var (upload, problem) = await UploadForm.ReadAsync(http, engine, area, cancellationToken).ConfigureAwait(false);
                if (upload == null)
                    return problem!;

                http.Response.ContentType = "application/x-ndjson";
                var lines = Channel.CreateUnbounded<object>();
                var styled = area.File("styled.png");
                var stylize = upload.Stylize with { Strength = 1, KeepColors = false };
                var run = Conversions.RunAsync(engine, upload.Path, styled, stylize, new OutputOptions { Format = RasterFormat.Png }, stage => lines.Writer.TryWrite(new { stage = ConversionStages.Describe(stage) }), cancellationToken);
                _ = run.ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);
                try
                {
                    await foreach (var line in lines.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                        await WriteLineAsync(http, line, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // The conversion ends (cancelled if the client left) before its folder can go.
                    await Task.WhenAny(run).ConfigureAwait(false);
                }

                object last;
                try
                {
                    var outcome = await run.ConfigureAwait(false);
                    if (outcome.Result is ConversionResult result)
                    {
                        var job = store.Add(area, upload.FileName, upload.Path, styled, upload.Header.Format);
                        job.AwaitDownload(drain.Enter());
                        kept = true;
                        last = new { done = new { id = job.Id, name = upload.FileName, width = result.Width, height = result.Height, style = result.Style, facesFound = result.FacesFound, seconds = result.Duration.TotalSeconds } };
                    }
                    else
                    {
                        last = Failure(outcome.Error!, upload);
                    }
                }
                catch (AnimeGanException ex)
                {
                    last = Failure(ex, upload);
                }

                await WriteLineAsync(http, last, cancellationToken).ConfigureAwait(false);
                return Results.Empty;
            }
            finally
            {
                if (!kept)
                    area.Dispose();
            }
        }

        private static object Failure(AnimeGanException error, Upload upload)
        {
            var (status, title) = Problems.Status(error.Code);
            return new { error = new { status, title, detail = upload.Describe(error), code = error.Code.ToString() } };
        }

        private static async Task WriteLineAsync(HttpContext http, object line, CancellationToken cancellationToken)
        {
            await JsonSerializer.SerializeAsync(http.Response.Body, line, Json, cancellationToken).ConfigureAwait(false);
            await http.Response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        private static IResult Preview(string id, string kind, JobStore store)
        {
            if (!store.TryGet(id, out var job))
                return NotFound(id, store);
            if (kind != "before" && kind != "after")
                return Problems.BadRequest($"kind '{kind}' is not before or after.");
            var jpeg = job.Previews.GetOrAdd(kind, k => PreviewImages.Jpeg(k == "before" ? job.OriginalPath : job.StyledPath, PreviewSize, 90));
            return TypedResults.File(jpeg, "image/jpeg");
        }

        private static async Task<IResult> ResultAsync(string id, double? strength, bool? keepColors, JobStore store, CancellationToken cancellationToken)
        {
            if (!store.TryGet(id, out var job))
                return NotFound(id, store);
            if (strength is double s && (double.IsNaN(s) || s < OptionLimits.MinStrength || s > OptionLimits.MaxStrength))
                return Problems.BadRequest($"strength must be between {OptionLimits.MinStrength} and {OptionLimits.MaxStrength}, not {s}.");
            using var output = new MemoryStream();
            var format = await Task.Run(() => ResultBlend.Write(job.OriginalPath, job.StyledPath, output, strength ?? 1, keepColors ?? false), cancellationToken).ConfigureAwait(false);
            job.Delivered();
            return TypedResults.File(output.ToArray(), Naming.ContentType(format), job.DownloadName(format));
        }

        private static async Task<IResult> ZipAsync(ZipRequest request, JobStore store, CancellationToken cancellationToken)
        {
            if (request.Items == null || request.Items.Count == 0)
                return Problems.BadRequest("Name at least one result to put in the zip.");
            var jobs = new List<(ConversionJob Job, ZipItem Item)>();
            foreach (var item in request.Items)
            {
                if (!store.TryGet(item.Id, out var job))
                    return NotFound(item.Id, store);
                if (double.IsNaN(item.Strength) || item.Strength < OptionLimits.MinStrength || item.Strength > OptionLimits.MaxStrength)
                    return Problems.BadRequest($"strength must be between {OptionLimits.MinStrength} and {OptionLimits.MaxStrength}, not {item.Strength}.");
                jobs.Add((job, item));
            }

            using var zip = new MemoryStream();
            await Task.Run(
                () =>
                {
                    using var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
                    var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var (job, item) in jobs)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        using var file = new MemoryStream();
                        var format = ResultBlend.Write(job.OriginalPath, job.StyledPath, file, item.Strength, item.KeepColors);
                        var name = job.DownloadName(format);
                        for (var n = 2; !names.Add(name); n++)
                            name = Path.GetFileNameWithoutExtension(job.DownloadName(format)) + $" ({n})" + RasterFormats.Extension(format);
                        var entry = archive.CreateEntry(name, CompressionLevel.NoCompression);
                        using var stream = entry.Open();
                        file.Position = 0;
                        file.CopyTo(stream);
                    }
                },
                cancellationToken).ConfigureAwait(false);
            foreach (var (job, _) in jobs)
                job.Delivered();
            return TypedResults.File(zip.ToArray(), "application/zip", "anime.zip");
        }

        /// <summary>The body of POST /api/jobs/zip.</summary>
        public sealed record ZipRequest(IReadOnlyList<ZipItem>? Items);

        private static IResult NotFound(string id, JobStore store)
            => store.OtherReplica(id) is string replica
                ? TypedResults.Problem($"This result was made by the server '{replica}', which no longer serves it (it was stopped or replaced); convert the photo again.", statusCode: StatusCodes.Status404NotFound, title: "Result gone with its server")
                : TypedResults.Problem($"No result '{id}' on this server (results are kept for {JobStore.IdleLifetime.TotalMinutes:0} minutes); convert the photo again.", statusCode: StatusCodes.Status404NotFound, title: "Unknown result");
    }
}
