using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AnimeGan.Web.Tests.ApiTests
{
    public class TheConvertEndpoint : IClassFixture<TheConvertEndpoint.App>
    {
        private readonly WebApp _app;

        public TheConvertEndpoint(App app) => _app = app.Web;

        [Theory]
        [InlineData("/api/convert", "long boundary")]
        [InlineData("/api/convert", "no closing boundary")]
        [InlineData("/api/convert", "boundary not in the body")]
        [InlineData("/api/jobs", "long boundary")]
        [InlineData("/api/jobs", "no closing boundary")]
        [InlineData("/api/jobs", "boundary not in the body")]
        public async Task ShouldAnswerABrokenMultipartBodyWith400(string path, string broken)
        {
            using var client = _app.CreateClient();
            var photo = Uploads.Photo(TestFiles.Rickshaw, 64);
            var (boundary, body) = broken switch
            {
                "long boundary" => (new string('b', 4096), Body(new string('b', 4096), photo, close: true)),
                "no closing boundary" => ("abc", Body("abc", photo, close: false)),
                _ => ("\"a b\"", Body("zzz", photo, close: true)),
            };
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");

            using var response = await client.PostAsync(path, content);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var detail = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
            Assert.StartsWith("The form could not be read", detail, StringComparison.Ordinal);
            Assert.True(detail.Length < 300, detail);
        }

        private static byte[] Body(string boundary, byte[] photo, bool close)
        {
            var head = System.Text.Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
            var tail = System.Text.Encoding.ASCII.GetBytes(close ? $"\r\n--{boundary}--\r\n" : "\r\n");
            return head.Concat(photo).Concat(tail).ToArray();
        }

        [Theory]
        [InlineData(null, "float")]
        [InlineData("float", "float")]
        public async Task ShouldNameThePrecisionThatRan(string? asked, string ran)
        {
            // The test models folder has no INT8 verdict: the engine's choice there is float.
            using var client = _app.CreateClient();
            var fields = asked == null ? new[] { ("faces", "false"), ("maxSize", "64") } : new[] { ("faces", "false"), ("maxSize", "64"), ("precision", asked) };

            using var response = await client.PostAsync("/api/convert", Uploads.Form(Uploads.Photo(TestFiles.Rickshaw, 64), "p.jpg", fields));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(ran, Assert.Single(response.Headers.GetValues(AnimeGan.Web.Apis.ConvertApi.PrecisionHeader)));
        }

        [Fact]
        public async Task ShouldRunTheServersPrecisionWhereTheFormNamesNone()
        {
            // serve --precision int8 on a folder whose styles have no INT8 graph: a request naming no precision gets
            // the server's and is told how to get it; one naming float runs float.
            using var app = new WebApp(("Precision", "int8"));
            using var client = app.CreateClient();

            using var serversChoice = await client.PostAsync("/api/convert", Uploads.Form(Uploads.Photo(TestFiles.Rickshaw, 64), "p.jpg", ("faces", "false"), ("maxSize", "64")));
            using var asked = await client.PostAsync("/api/convert", Uploads.Form(Uploads.Photo(TestFiles.Rickshaw, 64), "p.jpg", ("faces", "false"), ("maxSize", "64"), ("precision", "float")));

            Assert.Equal(HttpStatusCode.BadRequest, serversChoice.StatusCode);
            Assert.Contains("no INT8 graph", await serversChoice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            Assert.Equal("float", Assert.Single(asked.Headers.GetValues(AnimeGan.Web.Apis.ConvertApi.PrecisionHeader)));
        }

        [Fact]
        public async Task ShouldReturnTheImageAtTheSizeItCameInWithItsTypeAndName()
        {
            using var client = _app.CreateClient();
            var photo = Uploads.Photo(TestFiles.Rickshaw, 300);

            using var response = await client.PostAsync("/api/convert", Uploads.Form(photo, "street.jpg", ("style", "shinkai"), ("strength", "0.8"), ("maxSize", "128"), ("faces", "false")));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("street_anime.jpg", response.Content.Headers.ContentDisposition!.FileName);
            using var original = new MagickImage(photo);
            using var result = new MagickImage(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal((original.Width, original.Height), (result.Width, result.Height));
            Assert.Empty(Directory.GetFileSystemEntries(_app.Store.Root));
        }

        [Fact]
        public async Task ShouldWriteTheFormatAskedFor()
        {
            using var client = _app.CreateClient();

            using var response = await client.PostAsync("/api/convert", Uploads.Form(Uploads.Photo(TestFiles.Square, 96), "p.jpg", ("format", "png"), ("maxSize", "64")));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("p_anime.png", response.Content.Headers.ContentDisposition!.FileName);
        }

        [Fact]
        public async Task ShouldListTheEnginesDetailLevelsForThePageMenu()
        {
            using var client = _app.CreateClient();
            using var levels = JsonDocument.Parse(await client.GetStringAsync("/api/detail-levels"));

            var rows = levels.RootElement.EnumerateArray().Select(e => (e.GetProperty("label").GetString(), e.GetProperty("maxSize").GetInt32(), e.GetProperty("isDefault").GetBoolean())).ToList();
            Assert.Equal(DetailPreset.All.Select(p => ((string?)p.Label, p.WorkingSize, p.WorkingSize == AnimeGanEngine.DefaultMaxSize)), rows);
            Assert.Contains(("Fine (1536 px)", 1536, false), rows);
        }

        [Theory]
        [InlineData("strength", "1.5", "strength must be between 0 and 1, not 1.5")]
        [InlineData("maxSize", "9000", "maxSize must be between 16 and 8192")]
        [InlineData("style", "nope", "style 'nope' is not a known style; choose one of")]
        [InlineData("faceStyle", "retinaface", "faceStyle 'retinaface' is a face detector, not a style")]
        [InlineData("faces", "maybe", "faces 'maybe' is not true or false")]
        [InlineData("format", "pdf", "format 'pdf' is not one of")]
        [InlineData("precision", "half", "precision 'half' is not one of auto, float, int8.")]
        public async Task ShouldAnswer400NamingABadParameter(string field, string value, string detail)
        {
            using var client = _app.CreateClient();

            using var response = await client.PostAsync("/api/convert", Uploads.Form(Uploads.Photo(TestFiles.Square, 64), "p.jpg", (field, value)));

            await AssertProblem(response, HttpStatusCode.BadRequest, detail);
        }

        [Fact]
        public async Task ShouldRefuseARequestWithoutAPicture()
        {
            using var client = _app.CreateClient();

            using var noForm = await client.PostAsync("/api/convert", new StringContent("{}", Encoding.UTF8, "application/json"));
            using var noFile = await client.PostAsync("/api/convert", new MultipartFormDataContent { { new StringContent("hayao"), "style" } });

            Assert.Equal(HttpStatusCode.UnsupportedMediaType, noForm.StatusCode);
            Assert.Equal("application/problem+json", noForm.Content.Headers.ContentType!.MediaType);
            await AssertProblem(noFile, HttpStatusCode.BadRequest, "'image'");
        }

        [Fact]
        public async Task ShouldAnswer415ForAFileThatIsNotAPicture()
        {
            using var client = _app.CreateClient();

            using var response = await client.PostAsync("/api/convert", Uploads.Form(Encoding.ASCII.GetBytes("hello, not a photo"), "notes.jpg"));

            await AssertProblem(response, HttpStatusCode.UnsupportedMediaType, "notes.jpg: not a JPEG");
        }

        [Fact]
        public async Task ShouldAnswer422ForADamagedPicture()
        {
            using var client = _app.CreateClient();
            var photo = Uploads.Photo(TestFiles.Rickshaw, 300);

            using var response = await client.PostAsync("/api/convert", Uploads.Form(photo.Take(photo.Length / 3).ToArray(), "cut.jpg", ("maxSize", "64")));

            await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "cut.jpg");
            Assert.DoesNotContain(_app.Store.Root, await response.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task ShouldAnswer413ForAPictureTooLargeBeforeDecodingIt()
        {
            using var client = _app.CreateClient();
            var bytes = TestImages.PngWithHeaderSize(61000, 61000);

            using var response = await client.PostAsync("/api/convert", Uploads.Form(bytes, "huge.png"));

            await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "too large: 61000 x 61000");
        }

        [Fact]
        public async Task ShouldAnswer413ForAnUploadOverTheLimit()
        {
            using var limited = new WebApp(("MaxUploadMb", "1"));
            using var client = limited.CreateClient();

            using var response = await client.PostAsync("/api/convert", Uploads.Form(new byte[3 * 1024 * 1024], "big.jpg"));

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        [Fact]
        public async Task ShouldListTheInstalledStylesAsTheCommandLineDoes()
        {
            using var client = _app.CreateClient();

            var styles = await client.GetFromJsonAsync<JsonElement>("/api/styles");

            var ids = styles.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
            Assert.Equal(new[] { "hayao", "shinkai", "hayao-v2", "jp-face", "sketch", "cute" }, ids);
            Assert.True(styles[0].GetProperty("isDefault").GetBoolean());
            Assert.Contains("non-commercial", styles[0].GetProperty("licence").GetString());
            using var preview = await client.GetAsync("/api/styles/cute/preview");
            Assert.Equal("image/jpeg", preview.Content.Headers.ContentType!.MediaType);
            using var missing = await client.GetAsync("/api/styles/nope/preview");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        [Fact]
        public async Task ShouldShowEachStyleOnAFaceAndAThingInItsCard()
        {
            using var client = _app.CreateClient();

            using var hayao = new MagickImage(await client.GetByteArrayAsync("/api/styles/hayao/preview"));
            using var sketch = new MagickImage(await client.GetByteArrayAsync("/api/styles/sketch/preview"));

            // The sample photo (a portrait beside a cup) at twice a card's width, in the card's 3:2.
            Assert.Equal((384u, 256u), (hayao.Width, hayao.Height));
            // A real photo carries colour where the sketch style draws in black and white.
            Assert.True(hayao.Statistics().GetChannel(PixelChannel.Red)!.StandardDeviation > Quantum.Max / 10.0, "hayao's card has no variety of colour");
            Assert.True(hayao.Compare(sketch, ErrorMetric.RootMeanSquared) > 0.1, "two styles' cards look the same");
        }

        [Fact]
        public async Task ShouldAnswerTheHealthCheck()
        {
            using var client = _app.CreateClient();

            var health = await client.GetFromJsonAsync<JsonElement>("/healthz");

            Assert.Equal("ok", health.GetProperty("status").GetString());
        }

        internal static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detail)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
            Assert.Contains(detail, problem.GetProperty("detail").GetString());
        }

        public sealed class App : IDisposable
        {
            public WebApp Web { get; } = new WebApp();

            public void Dispose() => Web.Dispose();
        }
    }
}
