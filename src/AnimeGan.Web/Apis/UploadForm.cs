using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AnimeGan.Core;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.Models;
using AnimeGan.Core.Options;
using AnimeGan.Web.Hosting;
using AnimeGan.Web.Jobs;
using Microsoft.AspNetCore.Http;

namespace AnimeGan.Web.Apis
{
    /// <summary>One upload, checked: the file saved in the request's area, what its header says, and the settings its fields map to.</summary>
    internal sealed record Upload(string FileName, string Path, ImageHeader Header, StylizeOptions Stylize, RasterFormat? Format)
    {
        /// <summary>An engine message with the server's temporary path replaced by the name the client sent.</summary>
        public string Describe(AnimeGanException error) => error.Message.Replace(Path, FileName, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads the multipart form of a conversion: file field <c>image</c>, and <c>style</c>, <c>strength</c>,
    /// <c>faces</c>, <c>faceStyle</c>, <c>keepColors</c>, <c>maxSize</c>, <c>format</c>. The size limits apply
    /// while the body is read and the picture's header is checked before anything is decoded.
    /// </summary>
    internal static class UploadForm
    {
        public static async Task<(Upload? Upload, IResult? Problem)> ReadAsync(HttpContext http, AnimeGanEngine engine, WorkArea area, CancellationToken cancellationToken)
        {
            if (!http.Request.HasFormContentType)
                return (null, Problems.BadRequest("Send multipart/form-data with the picture in a file field named 'image'."));
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException || (ex is BadHttpRequestException bad && bad.StatusCode == StatusCodes.Status413PayloadTooLarge))
            {
                var limit = http.RequestServices.GetService(typeof(ServeOptions)) is ServeOptions options ? $" of {options.MaxUploadMegabytes} MB" : "";
                return (null, TypedResults.Problem($"The upload is larger than the limit{limit}.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large"));
            }

            var file = form.Files.GetFile("image");
            if (file == null || file.Length == 0)
                return (null, Problems.BadRequest("The form has no picture: put it in a file field named 'image'."));

            StylizeOptions stylize;
            RasterFormat? format;
            try
            {
                stylize = new StylizeOptions
                {
                    Style = Style(form["style"], engine.Store, "style"),
                    Strength = Number(form["strength"], "strength", OptionLimits.MinStrength, OptionLimits.MaxStrength),
                    Faces = Flag(form["faces"], "faces"),
                    FaceStyle = Style(form["faceStyle"], engine.Store, "faceStyle"),
                    KeepColors = Flag(form["keepColors"], "keepColors"),
                    MaxSize = (int?)Number(form["maxSize"], "maxSize", OptionLimits.MinWorkingSize, OptionLimits.MaxWorkingSize, whole: true),
                };
                format = string.IsNullOrEmpty(form["format"]) ? null : RasterFormats.Parse(form["format"]!)
                    ?? throw new ArgumentException($"format '{form["format"]}' is not one of jpg, png, webp, tif, bmp, gif.");
            }
            catch (ArgumentException ex)
            {
                return (null, Problems.BadRequest(ex.Message));
            }

            var name = string.IsNullOrWhiteSpace(file.FileName) ? "photo" : System.IO.Path.GetFileName(file.FileName);
            var saved = area.File("upload");
            await using (var target = new FileStream(saved, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                await file.CopyToAsync(target, cancellationToken).ConfigureAwait(false);

            ImageHeader header;
            try
            {
                await using var stream = new FileStream(saved, FileMode.Open, FileAccess.Read, FileShare.Read);
                header = ImageDecoder.ReadHeader(stream, name);
            }
            catch (AnimeGanException ex)
            {
                return (null, Problems.For(ex));
            }

            var typed = area.File("upload" + RasterFormats.Extension(header.Format));
            File.Move(saved, typed);
            return (new Upload(name, typed, header, stylize, format), null);
        }

        private static string? Style(string? id, ModelStore store, string field)
        {
            if (string.IsNullOrEmpty(id))
                return null;
            var installed = store.Installed(ModelKind.Style);
            if (installed.Any(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase)))
                return id;
            throw new ArgumentException($"{field} '{id}' is not a style installed on this server; choose one of: {string.Join(", ", installed.Select(m => m.Id))}.");
        }

        private static double? Number(string? text, string field, double min, double max, bool whole = false)
        {
            if (string.IsNullOrEmpty(text))
                return null;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || (whole && value != Math.Floor(value)))
                throw new ArgumentException($"{field} '{text}' is not a {(whole ? "whole " : "")}number.");
            try
            {
                return OptionLimits.Check(value, min, max, field);
            }
            catch (AnimeGanException ex)
            {
                throw new ArgumentException(ex.Message);
            }
        }

        private static bool? Flag(string? text, string field) => text?.ToLowerInvariant() switch
        {
            null or "" => null,
            "true" or "on" or "1" or "yes" => true,
            "false" or "off" or "0" or "no" => false,
            _ => throw new ArgumentException($"{field} '{text}' is not true or false."),
        };
    }
}
