using System.IO.Compression;
using System.Text.Json;
using System.Threading.Channels;
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
            group.MapPost("/", ConvertAsync)
                .Accepts<IFormFile>("multipart/form-data")
                .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson")
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
            group.MapGet("/{id}/preview/{kind}", Preview)
                .Produces<byte[]>(StatusCodes.Status200OK, "image/jpeg")
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status404NotFound);
            group.MapGet("/{id}/result", ResultAsync)
                .Produces<byte[]>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp", "image/tiff", "image/bmp", "image/gif")
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
            group.MapPost("/zip", ZipAsync)
                .Produces(StatusCodes.Status200OK, contentType: "application/zip")
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
            group.MapDelete("/{id}", (string id, JobStore store) => store.Remove(id) ? Results.NoContent() : NotFound(id, store))
                .Produces(StatusCodes.Status204NoContent)
                .ProducesProblem(StatusCodes.Status404NotFound);
            return group;
        }

        /// <summary>The response header of a zip that names the results asked for that this server no longer has.</summary>
        public const string MissingHeader = "AnimeGan-Missing";

        /// <summary>The most results one zip may hold: each is blended and encoded at full size while the zip streams.</summary>
        public const int MaxZipItems = 200;

        /// <summary>
        /// The most pixels one zip may hold in all (about forty 24-megapixel photos, a minute or two of encoding
        /// on a conversion slot): the page splits a larger "Download all" into several zips.
        /// </summary>
        public const long MaxZipPixels = 1_000_000_000;

        /// <summary>One entry of a "download all": which result, at which strength and colour choice (the upload's when left out).</summary>
        public sealed record ZipItem(string? Id, double? Strength, bool? KeepColors);

        /// <summary>The cookie naming the replica that keeps a page's results; a load balancer routes on it.</summary>
        public const string ReplicaCookie = "animegan_replica";

        private static async Task<IResult> ConvertAsync(HttpContext http, AnimeGanEngine engine, JobStore store, ServeOptions serve, Drain drain, ConversionSlots slots)
        {
            if (serve.ReplicaId != null)
                http.Response.Cookies.Append(ReplicaCookie, serve.ReplicaId, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });
            using var stop = UploadConversion.Token(http);
            var cancellationToken = stop.Token;
            var area = store.CreateArea();
            var kept = false;
            try
            {
                var (upload, problem) = await UploadForm.ReadAsync(http, serve, engine.Store, area, cancellationToken).ConfigureAwait(false);
                if (upload == null)
                    return problem!;
                if (upload.Frames > 1)
                    return Animated(upload);

                // The result is kept on disk: room is made (older results let go) before any work, or the photo is refused.
                try
                {
                    store.MakeRoom(JobStore.KeptBytes(upload.Header.Width, upload.Header.Height), upload.FileName);
                }
                catch (NoRoomToKeepException ex)
                {
                    return Problems.NoRoom(ex.Message);
                }

                // The slot is taken once the photo is here and checked (a slow upload holds none), with the memory it
                // needs, and kept until the conversion ends.
                var (admission, refusal) = await slots.AdmitAsync(http, upload.EstimatedBytes, cancellationToken).ConfigureAwait(false);
                if (admission == null)
                    return refusal!;
                using var admitted = admission;

                http.Response.ContentType = "application/x-ndjson";
                var lines = Channel.CreateUnbounded<object>();
                if (upload.Notice != null)
                    lines.Writer.TryWrite(new { notice = upload.Notice });
                var choice = new ResultChoice(upload.Stylize.Strength ?? OptionLimits.MaxStrength, upload.Stylize.KeepColors ?? false, upload.Format);
                var run = UploadConversion.RunAsync(
                    http,
                    upload,
                    upload.Stylize with { Strength = OptionLimits.MaxStrength, KeepColors = false },
                    stage => lines.Writer.TryWrite(new { stage = ConversionStages.Describe(stage) }),
                    (result, token) => (Job: store.Add(area, upload.FileName, result.Kept, choice, PreviewSize, token), Result: result),
                    cancellationToken);
                _ = run.ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);
                try
                {
                    // The lines end when the conversion does, cancelled or not; only a client gone stops the writing.
                    await foreach (var line in lines.Reader.ReadAllAsync(http.RequestAborted).ConfigureAwait(false))
                        await WriteLineAsync(http, line, http.RequestAborted).ConfigureAwait(false);
                }
                finally
                {
                    // The conversion ends (cancelled if the client left) before its folder can go.
                    await Task.WhenAny(run).ConfigureAwait(false);
                }

                object last;
                try
                {
                    var (job, result) = await run.ConfigureAwait(false);
                    job.AwaitDownload(drain.EnterAwaitingDownload());
                    kept = true;
                    last = new { done = new { id = job.Id, name = upload.FileName, width = job.Width, height = job.Height, style = result.Style, facesFound = result.Faces.Count, facesNotEnhanced = result.FacesNotEnhanced, precision = result.Precision.ToString().ToLowerInvariant(), seconds = result.Timings.Total.TotalSeconds } };
                }
                catch (AnimeGanException ex)
                {
                    last = Failure(ex, upload);
                }
                catch (IOException ex) when (DiskSpace.IsFull(ex))
                {
                    // Keeping the result found no room: the stream still ends with a line that says why.
                    last = new { error = new { status = StatusCodes.Status507InsufficientStorage, title = Problems.NoRoomTitle, detail = Problems.NoRoomDetail(ex, upload.FileName), code = "NoRoom" } };
                }
                catch (OperationCanceledException) when (drain.Abandoned.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
                {
                    // The server is stopping: the client is still there and hears why its photo did not come back.
                    last = new { error = new { status = StatusCodes.Status503ServiceUnavailable, title = "Stopping", detail = Stopped(upload), code = "Stopped" } };
                }

                await WriteLineAsync(http, last, http.RequestAborted).ConfigureAwait(false);
                return Results.Empty;
            }
            finally
            {
                if (!kept)
                    area.Dispose();
            }
        }

        /// <summary>
        /// The page keeps each result's pixels to re-blend it at any strength and compares it with a still slider;
        /// an animation would multiply what is kept by its frames and show as one still, so it goes where every
        /// frame comes back: <c>POST /api/convert</c> or <c>animegan convert</c>.
        /// </summary>
        private static IResult Animated(Upload upload)
            => TypedResults.Problem(
                $"{upload.FileName} is animated ({upload.Frames} frames): this page converts still pictures. POST it to /api/convert, or use animegan convert, to get every frame back animated.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Animation");

        /// <summary>What a client hears when the server stops in the middle of its conversion.</summary>
        public static string Stopped(Upload upload) => $"{upload.FileName}: the server stopped before the conversion finished; send it again.";

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

        private static IResult Preview(string id, string kind, JobStore store, HttpContext http)
        {
            if (!store.TryGet(id, out var job))
                return NotFound(id, store);
            // People's photos: kept by no cache, shared or the browser's own beyond the page that shows them.
            http.Response.Headers.CacheControl = PrivateNoStore;
            return kind switch
            {
                "before" => TypedResults.File(job.Before, "image/jpeg"),
                "after" => TypedResults.File(job.After, "image/jpeg"),
                _ => Problems.BadRequest($"kind '{kind}' is not before or after."),
            };
        }

        private static async Task<IResult> ResultAsync(string id, string? strength, string? keepColors, JobStore store, DownloadSlots slots, HttpContext http, CancellationToken cancellationToken)
        {
            double? askedStrength;
            bool? askedColors;
            try
            {
                // Read as the upload's fields are: "1,5" is not 15, and keepColors=1 is true here too.
                askedStrength = UploadForm.Number(strength, "strength");
                askedColors = UploadForm.Flag(keepColors, "keepColors");
                if (askedStrength is double value)
                    OptionLimits.Check(value, OptionLimits.MinStrength, OptionLimits.MaxStrength, "strength");
            }
            catch (Exception ex) when (ex is ArgumentException || ex is AnimeGanException)
            {
                return Problems.BadRequest(ex.Message);
            }

            if (!store.TryGet(id, out var job))
                return NotFound(id, store);
            var choice = new ResultChoice(askedStrength ?? job.Choice.Strength, askedColors ?? job.Choice.KeepColors);

            return await DownloadAsync(
                http,
                store,
                slots,
                async file =>
                {
                    var format = await Task.Run(() => job.Write(file, choice), cancellationToken).ConfigureAwait(false);
                    return (DownloadFiles.ContentType(format), job.DownloadName(format));
                },
                new[] { job },
                cancellationToken).ConfigureAwait(false);
        }

        private static async Task<IResult> ZipAsync(ZipRequest request, HttpContext http, JobStore store, DownloadSlots slots, CancellationToken cancellationToken)
        {
            if (request.Items == null || request.Items.Count == 0)
                return Problems.BadRequest("Name at least one result to put in the zip.");
            if (request.Items.Count > MaxZipItems)
                return Problems.BadRequest($"A zip holds at most {MaxZipItems} results; ask for {request.Items.Count} in several zips.");
            var entries = new List<(ConversionJob Job, ResultChoice Choice)>();
            var missing = new List<string>();
            foreach (var item in request.Items)
            {
                if (item?.Id == null)
                    return Problems.BadRequest("Every item names a result by its id.");
                if (!store.TryGet(item.Id, out var job))
                {
                    // One result gone (a restart, removed, expired) does not cost the others: the zip holds what is
                    // here and the header names what is not, so the page can say which photos to convert again.
                    missing.Add(item.Id);
                    continue;
                }

                var strength = item.Strength ?? job.Choice.Strength;
                try
                {
                    OptionLimits.Check(strength, OptionLimits.MinStrength, OptionLimits.MaxStrength, "strength");
                }
                catch (AnimeGanException ex)
                {
                    return Problems.BadRequest(ex.Message);
                }

                entries.Add((job, new ResultChoice(strength, item.KeepColors ?? job.Choice.KeepColors)));
            }

            if (entries.Count == 0)
                return NotFound(missing[0], store);
            if (missing.Count > 0)
                http.Response.Headers[MissingHeader] = string.Join(", ", missing.Where(id => id.Length <= 64 && id.All(char.IsAsciiLetterOrDigit)));
            var pixels = entries.Sum(entry => (long)entry.Job.Width * entry.Job.Height);
            if (pixels > MaxZipPixels)
                return Problems.BadRequest($"A zip holds at most {MaxZipPixels / 1_000_000} megapixels of results; these {entries.Count} add up to {pixels / 1_000_000}: ask for them in several zips.");

            // The zip is written into the request's area entry by entry (one result in memory at a time), then sent.
            return await DownloadAsync(
                http,
                store,
                slots,
                async file =>
                {
                    using var archive = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
                    var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var (job, choice) in entries)
                    {
                        using var encoded = new MemoryStream();
                        var format = await Task.Run(() => job.Write(encoded, choice), cancellationToken).ConfigureAwait(false);
                        var name = job.DownloadName(format);
                        for (var n = 2; !names.Add(name); n++)
                            name = job.DownloadName(format, n);
                        var entry = archive.CreateEntry(name, CompressionLevel.NoCompression);
                        await using var stream = entry.Open();
                        encoded.Position = 0;
                        await encoded.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
                    }

                    return ("application/zip", "anime.zip");
                },
                entries.Select(e => e.Job).ToList(),
                cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Makes a download in a file of its own work area while holding a download slot, then sends that file with
        /// no slot held, so a client reading slowly keeps nothing from anyone; the area goes when the response ends.
        /// A client that leaves while its file is made stops the making at its next write.
        /// </summary>
        private static async Task<IResult> DownloadAsync(HttpContext http, JobStore store, DownloadSlots slots, Func<Stream, Task<(string ContentType, string Name)>> write, IReadOnlyList<ConversionJob> jobs, CancellationToken cancellationToken)
        {
            var area = store.CreateArea();
            var keepArea = false;
            try
            {
                var path = area.File("download");
                (string ContentType, string Name) made;
                using (var slot = await slots.TakeAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!slot.IsAcquired)
                        return slots.Busy(http);
                    await using var file = new AbandonableStream(PrivateFiles.CreateFile(path, 1 << 20), http.RequestAborted);
                    made = await write(file).ConfigureAwait(false);
                }

                foreach (var job in jobs)
                    job.Delivered();
                http.Response.RegisterForDispose(area);
                http.Response.Headers.CacheControl = PrivateNoStore;
                keepArea = true;
                return TypedResults.PhysicalFile(path, made.ContentType, made.Name);
            }
            catch (Exception ex) when (http.RequestAborted.IsCancellationRequested && (ex is OperationCanceledException || ex is AnimeGanException || ex is IOException))
            {
                // The client left while its file was made: nobody to answer.
                return Results.Empty;
            }
            catch (IOException ex) when (DiskSpace.IsFull(ex))
            {
                return Problems.NoRoom(Problems.NoRoomDetail(ex, null));
            }
            catch (AnimeGanException ex)
            {
                return Problems.For(ex);
            }
            finally
            {
                if (!keepArea)
                    area.Dispose();
            }
        }

        /// <summary>How previews and downloads of people's photos may be cached: not at all.</summary>
        private const string PrivateNoStore = "private, no-store";

        /// <summary>The body of POST /api/jobs/zip.</summary>
        public sealed record ZipRequest(IReadOnlyList<ZipItem>? Items);

        private static IResult NotFound(string? id, JobStore store)
            => store.OtherReplica(id) is string replica
                ? TypedResults.Problem($"This result was made by the server '{replica}', which no longer serves it (it was stopped or replaced); convert the photo again.", statusCode: StatusCodes.Status404NotFound, title: "Result gone with its server")
                : TypedResults.Problem($"This server has no such result: it was removed, left unused for {JobStore.IdleLifetime.TotalMinutes:0} minutes, or made before the server restarted; convert the photo again.", statusCode: StatusCodes.Status404NotFound, title: "Unknown result");
    }
}
