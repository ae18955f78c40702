using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace AnimeGan.Web.Apis
{
    /// <summary>
    /// One upload, checked: the file saved in the request's area, what its header says, the settings its fields
    /// map to (within the server's limits), the memory its conversion is expected to need, and what the client
    /// should be told about a setting the server changed (null when none).
    /// </summary>
    internal sealed record Upload(string FileName, string Path, ImageHeader Header, StylizeOptions Stylize, RasterFormat? Format, long EstimatedBytes, string? Notice, int Frames = 1)
    {
        /// <summary>Gets whether the result is an animation: the upload has frames and the format asked for can hold them.</summary>
        public bool Animates => Frames > 1 && (Format ?? Header.Format) is RasterFormat.Gif or RasterFormat.WebP;

        /// <summary>An engine message with the server's temporary path replaced by the name the client sent.</summary>
        public string Describe(AnimeGanException error) => error.Message.Replace(Path, FileName, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads the multipart form of a conversion: file field <c>image</c>, and <c>style</c>, <c>strength</c>,
    /// <c>faces</c>, <c>faceStyle</c>, <c>keepColors</c>, <c>maxSize</c>, <c>format</c>. The file streams
    /// straight into the request's private area (never buffered elsewhere), the size limits apply while it is
    /// read, and the picture's header is checked before anything is decoded. The fields, and the models they
    /// name, are checked by the engine's own rules (<see cref="OptionLimits"/>), which name the field.
    /// </summary>
    internal static class UploadForm
    {
        private const int MaxSections = 16;
        private const int MaxFieldLength = 256;

        /// <summary>The longest boundary multipart allows (RFC 2046, section 5.1.1).</summary>
        private const int MaxBoundaryLength = 70;

        /// <summary>The longest an upload may take, whatever its rate: a connection and a private file are held meanwhile.</summary>
        public static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(5);

        public static async Task<(Upload? Upload, IResult? Problem)> ReadAsync(HttpContext http, ServeOptions serve, ModelStore models, WorkArea area, CancellationToken cancellationToken)
        {
            if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
                || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
                return (null, Problems.BadRequest("Send multipart/form-data with the picture in a file field named 'image'."));
            if (boundary.Length > MaxBoundaryLength)
                return (null, Problems.BadRequest($"The form could not be read: its boundary is longer than the {MaxBoundaryLength} characters multipart allows (RFC 2046)."));

            var saved = area.File("upload");
            ReceivedForm? form;
            IResult? refused;
            try
            {
                (form, refused) = await ReceiveAsync(http, serve, boundary, saved, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (DiskSpace.IsFull(ex))
            {
                return (null, Problems.NoRoom(Problems.NoRoomDetail(ex, null)));
            }

            if (form == null)
                return (null, refused);
            if (form.FileName == null)
                return (null, Problems.BadRequest("The form has no picture: put it in a file field named 'image'."));
            if (form.Length == 0)
                return (null, Problems.BadRequest($"{form.FileName}: the file is empty."));

            StylizeOptions stylize;
            RasterFormat? format;
            ImageHeader header;
            try
            {
                (stylize, format) = Settings(form.Fields, models, serve);
                await using var stream = new FileStream(saved, FileMode.Open, FileAccess.Read, FileShare.Read);
                header = ImageDecoder.ReadHeader(stream, form.FileName);
            }
            catch (ArgumentException ex)
            {
                return (null, Problems.BadRequest(ex.Message));
            }
            catch (AnimeGanException ex) when (ex.Code == AnimeGanErrorCode.ModelNotInstalled && !form.Fields.ContainsKey("style") && !form.Fields.ContainsKey("faceStyle"))
            {
                // The client asked for no model: the server's own default is missing, which is the server's fault.
                return (null, Problems.NotReady(models));
            }
            catch (AnimeGanException ex)
            {
                return (null, Problems.For(ex));
            }

            var frames = header.Format is RasterFormat.Gif or RasterFormat.WebP ? ImageDecoder.FrameCount(saved) : 1;
            return WithinLimits(http, serve, new Upload(form.FileName, saved, header, stylize, format, 0, null, frames));
        }

        /// <summary>What the multipart body held: the file's name and length (saved in the area), and the other fields.</summary>
        private sealed record ReceivedForm(string? FileName, long Length, Dictionary<string, string> Fields);

        /// <summary>
        /// Streams the form's parts: the picture into <paramref name="saved"/>, the fields into memory, under the
        /// upload's size and time limits. A refusal (too large, too slow, malformed, the server stopping) comes
        /// back as its problem details.
        /// </summary>
        private static async Task<(ReceivedForm? Form, IResult? Problem)> ReceiveAsync(HttpContext http, ServeOptions serve, string boundary, string saved, CancellationToken stopping)
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? name = null;
            long length = 0;
            using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeLimit.CancelAfter(TimeLimit);
            var cancellationToken = timeLimit.Token;
            try
            {
                var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024 };
                for (var sections = 0; await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is MultipartSection section; sections++)
                {
                    if (sections == MaxSections || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                        return (null, Problems.BadRequest("The form has more parts than a conversion takes, or a part without a name."));
                    var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                    if (disposition.IsFileDisposition() && field == "image" && name == null)
                    {
                        name = HeaderUtilities.RemoveQuotes(disposition.FileName).Value is { Length: > 0 } given ? System.IO.Path.GetFileName(given.Replace('\\', '/')) : "photo";
                        var hold = http.RequestServices.GetRequiredService<StageHold>();
                        length = await SaveAsync(section.Body, saved, (long)serve.MaxUploadMegabytes * 1024 * 1024, () => hold.At(StageHold.Uploading, cancellationToken), cancellationToken).ConfigureAwait(false);
                        if (length < 0)
                            return (null, TooLarge(serve));
                    }
                    else if (!disposition.IsFileDisposition() && field == "image")
                    {
                        return (null, Problems.BadRequest("The picture in 'image' came as a plain field: send it as a file part, with a file name (a browser's file input, curl -F image=@photo.jpg)."));
                    }
                    else if (!disposition.IsFileDisposition())
                    {
                        fields[field] = await ReadFieldAsync(section, field, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (null, TooLarge(serve));
            }
            catch (Exception ex) when ((ex is BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout }) || (ex is OperationCanceledException && !stopping.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested))
            {
                return (null, TypedResults.Problem($"The upload came too slowly: it must arrive at {WebServer.MinUploadBytesPerSecond / 1024} KB/s or more, within {TimeLimit.TotalMinutes:0} minutes.", statusCode: StatusCodes.Status408RequestTimeout, title: "Upload too slow"));
            }
            catch (InvalidDataException ex)
            {
                return (null, Problems.BadRequest($"The form could not be read: {ex.Message}"));
            }
            catch (IOException ex) when (!DiskSpace.IsFull(ex) && !http.RequestAborted.IsCancellationRequested)
            {
                // The body ended before the form's closing boundary (or never held the boundary its header names).
                return (null, Problems.BadRequest("The form could not be read: the body ended before its closing boundary, or holds another boundary than its Content-Type names."));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
            {
                // The server is stopping while the photo is still arriving.
                return (null, Problems.RetryLater(http, StatusCodes.Status503ServiceUnavailable, "Stopping", "The server stopped before the upload finished; send it again."));
            }

            return (new ReceivedForm(name, length, fields), null);
        }

        /// <summary>The conversion's settings from the form's fields, checked by the engine's own rules, which name the field.</summary>
        /// <exception cref="ArgumentException">A field is not a number, a flag or a format.</exception>
        /// <exception cref="AnimeGanException">A value is out of range, or names a model that is not installed.</exception>
        private static (StylizeOptions Stylize, RasterFormat? Format) Settings(Dictionary<string, string> fields, ModelStore models, ServeOptions serve)
        {
            var stylize = new StylizeOptions
            {
                Style = Field(fields, "style"),
                Strength = Number(fields, "strength"),
                Faces = Flag(fields, "faces"),
                FaceStyle = Field(fields, "faceStyle"),
                KeepColors = Flag(fields, "keepColors"),
                MaxSize = (int?)Number(fields, "maxSize"),
                Precision = Field(fields, "precision") is string precision
                    ? PrecisionNames.Parse(precision) ?? throw new ArgumentException($"precision '{precision}' is not one of auto, float, int8.")
                    : serve.Precision,
            };
            OptionLimits.Validate(stylize, models, FieldName);
            RasterFormat? format = Field(fields, "format") is string formatText
                ? RasterFormats.Parse(formatText) ?? throw new ArgumentException($"format '{formatText}' is not one of jpg, png, webp, tif, bmp, gif.")
                : null;
            return (stylize, format);
        }

        /// <summary>
        /// The server's own limits on an upload: the working size brought down to <see cref="ServeOptions.MaxWorkingSize"/>
        /// (said only when it changes the result), and the engine's memory estimate against the whole budget.
        /// </summary>
        private static (Upload? Upload, IResult? Problem) WithinLimits(HttpContext http, ServeOptions serve, Upload upload)
        {
            var (name, header, stylize) = (upload.FileName, upload.Header, upload.Stylize);
            string? notice = null;
            var asked = stylize.MaxSize ?? AnimeGanEngine.DefaultMaxSize;
            if (asked > serve.MaxWorkingSize)
            {
                stylize = stylize with { MaxSize = serve.MaxWorkingSize };
                if (Math.Max(header.Width, header.Height) > serve.MaxWorkingSize)
                    notice = $"This server works at {serve.MaxWorkingSize} px at most: {name} was converted at {serve.MaxWorkingSize} px, not the {asked} asked.";
            }

            var models = http.RequestServices.GetRequiredService<AnimeGanEngine>().Store.Manifest;
            var style = models.Get(stylize.Style ?? models.DefaultStyleId, ModelKind.Style);
            var estimate = MemoryBudget.EstimateBytes(header.Width, header.Height, stylize.MaxSize ?? AnimeGanEngine.DefaultMaxSize, style, upload.Animates ? upload.Frames : 1);
            var budget = http.RequestServices.GetRequiredService<ConversionSlots>().Memory;
            if (!budget.Fits(estimate))
                return (null, TypedResults.Problem($"{name}: {header.Width} x {header.Height} would need about {estimate / 1048576} MB to convert, more than this server's memory budget of {budget.TotalBytes / 1048576} MB; send a smaller picture or ask for less detail.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Image too large"));
            return (upload with { Stylize = stylize, EstimatedBytes = estimate, Notice = notice }, null);
        }

        private static IResult TooLarge(ServeOptions serve)
            => TypedResults.Problem($"The upload is larger than the limit of {serve.MaxUploadMegabytes} MB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");

        /// <summary>Streams the file part to disk, stopping as soon as it passes the limit.</summary>
        /// <returns>The bytes saved, or -1 when the file is larger than <paramref name="limit"/>.</returns>
        private static async Task<long> SaveAsync(Stream part, string path, long limit, Action partSaved, CancellationToken cancellationToken)
        {
            await using var target = PrivateFiles.CreateFile(path, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            long length = 0;
            for (int read; (read = await part.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0;)
            {
                length += read;
                if (length > limit)
                    return -1;
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                if (length == read)
                {
                    await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                    await Task.Run(partSaved, cancellationToken).ConfigureAwait(false);
                }
            }

            return length;
        }

        /// <summary>The form field of a setting: its property name in camel case (<c>MaxSize</c> is <c>maxSize</c>).</summary>
        private static string FieldName(string option) => char.ToLowerInvariant(option[0]) + option.Substring(1);

        private static async Task<string> ReadFieldAsync(MultipartSection section, string field, CancellationToken cancellationToken)
        {
            var buffer = new char[MaxFieldLength + 1];
            using var text = new StreamReader(section.Body);
            var read = 0;
            for (int n; read < buffer.Length && (n = await text.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0;)
                read += n;
            if (read > MaxFieldLength)
                throw new InvalidDataException($"the field '{field}' is longer than {MaxFieldLength} characters");
            return new string(buffer, 0, read);
        }

        private static string? Field(Dictionary<string, string> fields, string field)
            => fields.TryGetValue(field, out var text) && text.Length > 0 ? text : null;

        private static double? Number(Dictionary<string, string> fields, string field) => Number(Field(fields, field), field);

        private static bool? Flag(Dictionary<string, string> fields, string field) => Flag(Field(fields, field), field);

        /// <summary>A number as forms and query strings write it, with a decimal point ("1,5" is refused, never read as 15).</summary>
        /// <exception cref="ArgumentException">Not such a number; the message names the field.</exception>
        public static double? Number(string? text, string field)
            => string.IsNullOrEmpty(text) ? null
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
                : throw new ArgumentException(text.Contains(',', StringComparison.Ordinal) ? $"{field} '{text}' is not a number: write it with a decimal point ({text.Replace(',', '.')})." : $"{field} '{text}' is not a number.");

        /// <summary>A flag as forms and query strings write it: true/false, on/off, 1/0, yes/no.</summary>
        /// <exception cref="ArgumentException">Not such a flag; the message names the field.</exception>
        public static bool? Flag(string? text, string field) => string.IsNullOrEmpty(text) ? null : text.ToLowerInvariant() switch
        {
            "true" or "on" or "1" or "yes" => true,
            "false" or "off" or "0" or "no" => false,
            _ => throw new ArgumentException($"{field} '{text}' is not true or false."),
        };
    }
}
