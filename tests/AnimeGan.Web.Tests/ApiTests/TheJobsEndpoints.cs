using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AnimeGan.Web.Tests.ApiTests
{
    public class TheJobsEndpoints : IClassFixture<TheConvertEndpoint.App>
    {
        private readonly WebApp _app;

        public TheJobsEndpoints(TheConvertEndpoint.App app) => _app = app.Web;

        private static byte[] Png(string source, int longSide)
        {
            using var image = new MagickImage(source);
            image.Resize((uint)longSide, (uint)longSide);
            return image.ToByteArray(MagickFormat.Png);
        }

        /// <summary>Posts a job and reads its lines to the end.</summary>
        private static async Task<List<JsonElement>> RunJob(HttpClient client, byte[] image, string name, params (string, string)[] fields)
        {
            using var response = await client.PostAsync("/api/jobs", Uploads.Form(image, name, fields));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        }

        private static byte[] Pixels(byte[] encoded)
        {
            using var image = new MagickImage(encoded);
            return image.ToByteArray(MagickFormat.Rgb);
        }

        [Fact]
        public async Task ShouldZipTheResultsStillHereAndNameTheOnesGone()
        {
            using var client = _app.CreateClient();
            var here = (await RunJob(client, Png(TestFiles.Rickshaw, 64), "here.png", ("maxSize", "32"), ("faces", "false")))[^1].GetProperty("done").GetProperty("id").GetString()!;
            var gone = (await RunJob(client, Png(TestFiles.Rickshaw, 64), "gone.png", ("maxSize", "32"), ("faces", "false")))[^1].GetProperty("done").GetProperty("id").GetString()!;
            Assert.True((await client.DeleteAsync($"/api/jobs/{gone}")).IsSuccessStatusCode);

            using var response = await client.PostAsJsonAsync("/api/jobs/zip", new { items = new[] { new { id = here }, new { id = gone }, new { id = "not\r\nan id" } } });
            using var none = await client.PostAsJsonAsync("/api/jobs/zip", new { items = new[] { new { id = gone } } });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(gone, Assert.Single(response.Headers.GetValues(AnimeGan.Web.Apis.JobsApi.MissingHeader)));
            using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
                Assert.Equal("here_anime.png", Assert.Single(zip.Entries).FullName);
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        [Fact]
        public async Task ShouldNameZipEntriesSoEveryToolExtractsThem()
        {
            // A 500-character name with characters Windows refuses (a client cannot send a quote in it), twice: each entry must fit 255 bytes of UTF-8,
            // keep its extension, hold no refused character, and be numbered apart; Python's zipfile extracts all.
            using var client = _app.CreateClient();
            var longName = string.Concat(Enumerable.Repeat("ü", 240)) + string.Concat(Enumerable.Repeat("x", 255)) + "a:b*c?d<e>f|g.png";
            var ids = new List<string>();
            for (var i = 0; i < 2; i++)
                ids.Add((await RunJob(client, Png(TestFiles.Rickshaw, 64), longName, ("maxSize", "32"), ("faces", "false")))[^1].GetProperty("done").GetProperty("id").GetString()!);

            using var response = await client.PostAsJsonAsync("/api/jobs/zip", new { items = ids.Select(id => new { id }) });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var folder = new TemporaryDirectory();
            var path = folder.File("anime.zip");
            await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
            using (var zip = ZipFile.OpenRead(path))
            {
                var names = zip.Entries.Select(e => e.FullName).ToList();
                Assert.Equal(2, names.Distinct().Count());
                Assert.All(names, n => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(n), 1, 255));
                Assert.All(names, n => Assert.EndsWith(".png", n, StringComparison.Ordinal));
                Assert.All(names, n => Assert.Equal(-1, n.IndexOfAny(new[] { ':', '*', '?', '"', '<', '>', '|', '\\' })));
                Assert.Contains(names, n => n.EndsWith("_anime (2).png", StringComparison.Ordinal));
            }

            var extract = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3", new[] { "-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); z.extractall(sys.argv[2]); print(len(z.namelist()))", path, folder.File("out") }) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var printed = await extract.StandardOutput.ReadToEndAsync() + await extract.StandardError.ReadToEndAsync();
            await extract.WaitForExitAsync();
            Assert.True(extract.ExitCode == 0, printed);
            Assert.Equal(2, Directory.GetFiles(folder.File("out")).Length);
        }

        [Fact]
        public async Task ShouldForbidFramingAndSniffingAndKeepPhotosOutOfCaches()
        {
            using var client = _app.CreateClient();
            var lines = await RunJob(client, Png(TestFiles.Rickshaw, 96), "p.png", ("maxSize", "64"), ("faces", "false"));
            var id = lines[^1].GetProperty("done").GetProperty("id").GetString();

            using var page = await client.GetAsync("/");
            Assert.Equal("frame-ancestors 'self'", string.Join(",", page.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", string.Join(",", page.Headers.GetValues("X-Content-Type-Options")));
            foreach (var path in new[] { $"/api/jobs/{id}/preview/before", $"/api/jobs/{id}/preview/after", $"/api/jobs/{id}/result" })
            {
                using var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, path);
            }

            using var converted = await client.PostAsync("/api/convert", Uploads.Form(Png(TestFiles.Rickshaw, 96), "p.png", ("maxSize", "64"), ("faces", "false")));
            Assert.True(converted.Headers.CacheControl is { Private: true, NoStore: true });
        }

        [Fact]
        public async Task ShouldStreamStagesAndKeepAResultThatReblendsLikeAFreshConversion()
        {
            using var client = _app.CreateClient();
            var photo = Png(TestFiles.Rickshaw, 240);
            var settings = new[] { ("style", "shinkai"), ("maxSize", "128"), ("faces", "false") };

            var lines = await RunJob(client, photo, "street.png", settings);

            Assert.Equal(new[] { "reading", "stylizing", "writing" }, lines.Where(l => l.TryGetProperty("stage", out _)).Select(l => l.GetProperty("stage").GetString()));
            var done = lines[^1].GetProperty("done");
            var id = done.GetProperty("id").GetString()!;
            Assert.Matches("^[0-9a-f]{32}$", id);
            Assert.True(_app.Store.TryGet(id, out var job));
            var area = Path.GetDirectoryName(job.KeptPath)!;
            Assert.NotEmpty(Directory.GetFiles(area));
            foreach (var file in Directory.GetFiles(area))
            {
                if (!OperatingSystem.IsWindows())
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
            Assert.Equal(240, done.GetProperty("width").GetInt32());

            var original = Pixels(photo);
            Assert.Equal(original, Pixels(await client.GetByteArrayAsync($"/api/jobs/{id}/result?strength=0")));
            foreach (var (strength, keep) in new[] { (1.0, false), (0.6, true) })
            {
                using var fresh = await client.PostAsync("/api/convert", Uploads.Form(photo, "street.png", settings.Append(("strength", $"{strength}")).Append(("keepColors", keep ? "true" : "false")).ToArray()));
                using var reblended = await client.GetAsync($"/api/jobs/{id}/result?strength={strength}&keepColors={keep}");
                Assert.Equal("street_anime.png", reblended.Content.Headers.ContentDisposition!.FileName);
                Assert.Equal(Pixels(await fresh.Content.ReadAsByteArrayAsync()), Pixels(await reblended.Content.ReadAsByteArrayAsync()));
            }

            using var before = new MagickImage(await client.GetByteArrayAsync($"/api/jobs/{id}/preview/before"));
            using var after = new MagickImage(await client.GetByteArrayAsync($"/api/jobs/{id}/preview/after"));
            Assert.Equal((before.Width, before.Height), (after.Width, after.Height));
            Assert.Equal(MagickFormat.Jpeg, after.Format);
        }

        [Fact]
        public async Task ShouldZipResultsUnderDistinctNames()
        {
            using var client = _app.CreateClient();
            var ids = new List<string>();
            foreach (var source in new[] { TestFiles.Square, TestFiles.Rickshaw })
            {
                var lines = await RunJob(client, Uploads.Photo(source, 96), "same.jpg", ("maxSize", "64"), ("faces", "false"));
                ids.Add(lines[^1].GetProperty("done").GetProperty("id").GetString()!);
            }

            using var response = await client.PostAsJsonAsync("/api/jobs/zip", new { items = ids.Select(id => new { id, strength = 0.5, keepColors = false }) });

            Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
            using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
            Assert.Equal(new[] { "same_anime (2).jpg", "same_anime.jpg" }, zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal));
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var image = new MagickImage(stream);
                Assert.Equal(96u, Math.Max(image.Width, image.Height));
            }
        }

        [Theory]
        [InlineData("{\"items\":[null]}", "Every item names a result by its id.")]
        [InlineData("{\"items\":[{\"id\":null,\"strength\":0.5}]}", "Every item names a result by its id.")]
        [InlineData("{\"items\":[]}", "Name at least one result to put in the zip.")]
        public async Task ShouldRefuseAZipItemWithoutAnIdAsABadRequest(string body, string detail)
        {
            using var client = _app.CreateClient();

            using var response = await client.PostAsync("/api/jobs/zip", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

            await TheConvertEndpoint.AssertProblem(response, HttpStatusCode.BadRequest, detail);
        }

        [Fact]
        public async Task ShouldCapAZipByItsResultsAndTheirPixelsAndBlendAnItemWithoutStrengthAsTheDownloadDoes()
        {
            using var client = _app.CreateClient();
            using var folder = new TemporaryDirectory();
            using (var wide = new MagickImage(TestFiles.Rickshaw))
            {
                wide.Resize(new MagickGeometry(2600, 2000) { IgnoreAspectRatio = true });
                wide.Write(folder.File("wide.jpg"));
            }

            var lines = await RunJob(client, File.ReadAllBytes(folder.File("wide.jpg")), "wide.jpg", ("maxSize", "64"), ("faces", "false"), ("strength", "0.4"));
            var id = lines[^1].GetProperty("done").GetProperty("id").GetString()!;

            // 201 items, and 200 of a 5.2-megapixel result (1040 megapixels), are each more than one zip holds.
            using (var many = await client.PostAsJsonAsync("/api/jobs/zip", new { items = Enumerable.Repeat(new { id }, AnimeGan.Web.Apis.JobsApi.MaxZipItems + 1) }))
                await TheConvertEndpoint.AssertProblem(many, HttpStatusCode.BadRequest, $"A zip holds at most {AnimeGan.Web.Apis.JobsApi.MaxZipItems} results");
            using (var large = await client.PostAsJsonAsync("/api/jobs/zip", new { items = Enumerable.Repeat(new { id }, AnimeGan.Web.Apis.JobsApi.MaxZipItems) }))
                await TheConvertEndpoint.AssertProblem(large, HttpStatusCode.BadRequest, "A zip holds at most 1000 megapixels of results; these 200 add up to 1040");

            // An item without strength gets the strength asked with the upload, as the download does.
            using var zipped = await client.PostAsJsonAsync("/api/jobs/zip", new { items = new[] { new { id } } });
            using var zip = new ZipArchive(await zipped.Content.ReadAsStreamAsync());
            using var entry = zip.Entries.Single().Open();
            using var fromZip = new MemoryStream();
            await entry.CopyToAsync(fromZip);
            Assert.Equal(Pixels(await client.GetByteArrayAsync($"/api/jobs/{id}/result")), Pixels(fromZip.ToArray()));
            Assert.NotEqual(Pixels(await client.GetByteArrayAsync($"/api/jobs/{id}/result?strength=1")), Pixels(fromZip.ToArray()));
        }

        [Fact]
        public async Task ShouldEndTheStreamWithAPlainErrorForADamagedPhotoAndKeepNothing()
        {
            using var client = _app.CreateClient();
            var photo = Uploads.Photo(TestFiles.Rickshaw, 300);
            var before = _app.Store.Count;

            var lines = await RunJob(client, photo.Take(photo.Length / 3).ToArray(), "cut.jpg", ("maxSize", "64"));

            var error = lines[^1].GetProperty("error");
            Assert.Equal(422, error.GetProperty("status").GetInt32());
            Assert.StartsWith("cut.jpg: ", error.GetProperty("detail").GetString());
            Assert.Equal(before, _app.Store.Count);
        }

        [Fact]
        public async Task ShouldRefuseAnUnreadableUploadBeforeStreaming()
        {
            using var client = _app.CreateClient();

            using var response = await client.PostAsync("/api/jobs", Uploads.Form(System.Text.Encoding.ASCII.GetBytes("text"), "a.jpg"));

            await TheConvertEndpoint.AssertProblem(response, HttpStatusCode.UnsupportedMediaType, "a.jpg: not a JPEG");
        }

        [Fact]
        public async Task ShouldForgetADeletedResultAndAnswer404ForUnknownOnes()
        {
            using var client = _app.CreateClient();
            var lines = await RunJob(client, Uploads.Photo(TestFiles.Square, 64), "p.jpg", ("maxSize", "64"), ("faces", "false"));
            var id = lines[^1].GetProperty("done").GetProperty("id").GetString();

            using var deleted = await client.DeleteAsync($"/api/jobs/{id}");
            using var gone = await client.GetAsync($"/api/jobs/{id}/preview/after");
            using var guessed = await client.GetAsync($"/api/jobs/{new string('0', 32)}/result");

            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        }

        [Fact]
        public async Task ShouldReadResultQueriesAsTheUploadReadsItsFields()
        {
            using var client = _app.CreateClient();
            var lines = await RunJob(client, Png(TestFiles.Rickshaw, 64), "p.png", ("maxSize", "32"), ("faces", "false"));
            var id = lines[^1].GetProperty("done").GetProperty("id").GetString();

            using var comma = await client.GetAsync($"/api/jobs/{id}/result?strength=1,5");
            using var one = await client.GetAsync($"/api/jobs/{id}/result?keepColors=1");

            Assert.Equal(HttpStatusCode.BadRequest, comma.StatusCode);
            Assert.Contains("strength '1,5' is not a number: write it with a decimal point (1.5).", await comma.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        }

        [Fact]
        public async Task ShouldSayThePictureMustComeAsAFile()
        {
            using var client = _app.CreateClient();
            using var form = new MultipartFormDataContent { { new ByteArrayContent(Png(TestFiles.Rickshaw, 64)), "image" } };

            using var response = await client.PostAsync("/api/convert", form);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("send it as a file part", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("strength=abc", "strength")]
        [InlineData("keepColors=maybe", "keepColors")]
        public async Task ShouldNameAQueryValueThatDoesNotParse(string query, string parameter)
        {
            using var client = _app.CreateClient();
            using var response = await client.GetAsync($"/api/jobs/{new string('0', 32)}/result?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(parameter, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    /// <summary>Jobs on one of several replicas behind a load balancer.</summary>
    public class TheJobsEndpointsOnAReplica
    {
        [Fact]
        public async Task ShouldNameItsReplicaInJobIdsAndACookieAndSayWhenAResultWasMadeElsewhere()
        {
            using var app = new WebApp(("ReplicaId", "r2"));
            using var client = app.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = Uploads.Form(Uploads.Photo(TestFiles.Square, 64), "p.jpg", ("maxSize", "64"), ("faces", "false")) };

            using var response = await client.SendAsync(request);
            var done = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            var id = JsonDocument.Parse(done).RootElement.GetProperty("done").GetProperty("id").GetString()!;

            Assert.StartsWith("r2-", id, StringComparison.Ordinal);
            Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("animegan_replica=r2;", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/jobs/{id}/result")).StatusCode);
            using var gone = await client.GetAsync($"/api/jobs/r1-{new string('0', 32)}/result");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Contains("made by the server 'r1', which no longer serves it", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains("convert the photo again", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>A client that goes away, or a server that stops, mid-conversion; each on a server of its own.</summary>
    public class TheJobsEndpointsWhenInterrupted
    {
        /// <summary>Starts a long conversion and returns once its model run has begun: a known point, not a moment in time.</summary>
        private static async Task<(HttpResponseMessage Response, StreamReader Lines)> StartLongConversionAsync(HttpClient client)
        {
            var photo = Uploads.Photo(TestFiles.Rickshaw, 1280);
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = Uploads.Form(photo, "big.jpg", ("maxSize", "1280"), ("style", "hayao-v2"), ("faces", "false")) };
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is string line && !line.Contains("stylizing", StringComparison.Ordinal))
            {
            }

            return (response, reader);
        }

        [Fact]
        public async Task ShouldCancelRunningConversionsAndRemoveEveryFileWhenTheServerStops()
        {
            // No drain period (the tests' default): what runs is stopped at once.
            var app = new WebApp();
            var client = app.CreateClient();
            var root = app.Store.Root;
            var (response, lines) = await StartLongConversionAsync(client);

            var stopping = app.DisposeAsync().AsTask();
            string rest;
            try
            {
                rest = await lines.ReadToEndAsync();
            }
            catch (IOException)
            {
                rest = "";
            }

            await stopping;

            Assert.DoesNotContain("\"done\"", rest);
            Assert.False(Directory.Exists(root), $"{root} was left behind");
            response.Dispose();
            client.Dispose();
        }

        [Fact]
        public async Task ShouldCancelTheConversionAndRemoveItsFilesWhenTheClientLeaves()
        {
            using var app = new WebApp();
            using var client = app.CreateClient();

            var (response, lines) = await StartLongConversionAsync(client);
            lines.Dispose();
            response.Dispose();

            // Cancellation ends the run and removes its folder before the request ends on the server.
            await app.RequestEndedAsync("/api/jobs");
            Assert.Empty(Directory.GetFileSystemEntries(app.Store.Root));
            Assert.Equal(0, app.Store.Count);
        }
    }
}
