using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace AnimeGan.Web.Tests.ApiTests
{
    /// <summary>Twenty conversions at once against the real server on 127.0.0.1: each is served or told to come back, never failed.</summary>
    public class TheServerUnderLoad
    {
        private readonly ITestOutputHelper _output;

        public TheServerUnderLoad(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task ShouldAnswerTwentyConcurrentConversionsWith200Or429AndStayUp()
        {
            using var app = WebApp.OnLoopback(("Jobs", "2"), ("QueueLimit", "6"));
            using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(5) };
            var photo = Uploads.Photo(TestFiles.Rickshaw, 320);
            var watch = Stopwatch.StartNew();

            var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                client.PostAsync("/api/convert", Uploads.Form(photo, $"p{i}.jpg", ("maxSize", "256"), ("faces", "false")))));

            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
            Assert.Contains(HttpStatusCode.OK, statuses);
            Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests), r => Assert.Equal(TimeSpan.FromSeconds(5), r.Headers.RetryAfter!.Delta));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            Assert.Empty(Directory.GetFileSystemEntries(app.Store.Root));
            using var process = Process.GetCurrentProcess();
            _output.WriteLine($"20 requests in {watch.Elapsed.TotalSeconds:0.0} s: {statuses.Count(s => s == HttpStatusCode.OK)} converted, {statuses.Count(s => s != HttpStatusCode.OK)} told to retry; peak working set of the test process (server included) {process.PeakWorkingSet64 / 1048576} MB");
            foreach (var response in responses)
                response.Dispose();
        }
    
        [Fact]
        public async Task ShouldConvertWhileSlowReadersDownloadAndAnAbandonedDownloadIsLeft()
        {
            // One conversion slot and no queue. Before, a full-size download or a zip held the slot while it was
            // sent, so a client reading slowly kept every conversion waiting until it had read the whole file.
            using var app = WebApp.OnLoopback(("Jobs", "1"), ("QueueLimit", "0"));
            using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(5) };
            using var folder = new TemporaryDirectory();
            var large = File.ReadAllBytes(TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("large.png"), 2400, MagickFormat.Png));
            string id;
            using (var job = await client.PostAsync("/api/jobs", Uploads.Form(large, "large.png", ("maxSize", "64"), ("faces", "false"))))
            {
                var last = (await job.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
                id = System.Text.Json.JsonDocument.Parse(last).RootElement.GetProperty("done").GetProperty("id").GetString()!;
            }

            // Two slow readers (a zip and the full-size PNG, read 64 KB at a time, several MB each) and a download
            // abandoned at once.
            var zip = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/zip") { Content = System.Net.Http.Json.JsonContent.Create(new { items = new[] { new { id } } }) };
            zip.Headers.Add("Origin", app.Address.GetLeftPart(UriPartial.Authority));
            using var zipResponse = await client.SendAsync(zip, HttpCompletionOption.ResponseHeadersRead);
            using var resultResponse = await client.GetAsync($"/api/jobs/{id}/result", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, zipResponse.StatusCode);
            Assert.Equal(HttpStatusCode.OK, resultResponse.StatusCode);
            using var stopReading = new CancellationTokenSource();
            var readers = new[] { zipResponse, resultResponse }.Select(r => ReadSlowlyAsync(r, stopReading.Token)).ToList();
            using (var abandon = new CancellationTokenSource())
            {
                var abandoned = client.GetAsync($"/api/jobs/{id}/result?strength=0.3", HttpCompletionOption.ResponseHeadersRead, abandon.Token);
                abandon.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
            }

            // A small conversion is served while both readers are still reading.
            using (var quick = await client.PostAsync("/api/convert", Uploads.Form(Uploads.Photo(TestFiles.Rickshaw, 160), "quick.jpg", ("maxSize", "64"), ("faces", "false"))))
                Assert.Equal(HttpStatusCode.OK, quick.StatusCode);
            Assert.All(readers, r => Assert.False(r.IsCompleted, "a slow reader had finished before the conversion was served"));

            stopReading.Cancel();
            foreach (var reader in readers)
                await reader;
        }

        /// <summary>Reads a response 64 KB at a time with a pause between reads (several KB/s: slow, above the server's minimum).</summary>
        private static async Task ReadSlowlyAsync(HttpResponseMessage response, CancellationToken stop)
        {
            await using var body = await response.Content.ReadAsStreamAsync(stop);
            var buffer = new byte[64 * 1024];
            try
            {
                while (await body.ReadAsync(buffer, stop) > 0)
                    await Task.Delay(TimeSpan.FromMilliseconds(500), stop);
            }
            catch (OperationCanceledException)
            {
            }
        }

        [Fact]
        public async Task ShouldConvertWhileSlowUploadsAreStillArrivingForEverySlot()
        {
            // One slot and no queue: before, an upload took the slot when it started, so two slow ones left none.
            using var app = WebApp.OnLoopback(("Jobs", "1"), ("QueueLimit", "0"));
            using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(5) };
            var photo = Uploads.Photo(TestFiles.Rickshaw, 320);
            using var areas = new FileSystemWatcher(app.Store.Root) { EnableRaisingEvents = true };
            var started = 0;
            var bothArriving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            areas.Created += (_, _) => { if (Interlocked.Increment(ref started) == 2) bothArriving.TrySetResult(); };
            var slow = new[] { new StalledUpload(photo), new StalledUpload(photo) };
            var slowSends = slow.Select((upload, i) => client.PostAsync("/api/convert", Uploads.Form(upload, $"slow{i}.jpg", ("maxSize", "256"), ("faces", "false")))).ToList();

            // Both are in the server, half received (each request makes its private folder first).
            await bothArriving.Task.WaitAsync(TimeSpan.FromMinutes(1));
            using (var quick = await client.PostAsync("/api/convert", Uploads.Form(photo, "quick.jpg", ("maxSize", "256"), ("faces", "false"))))
                Assert.Equal(HttpStatusCode.OK, quick.StatusCode);

            // Then each finishes arriving and converts in the one slot.
            for (var i = 0; i < slow.Length; i++)
            {
                slow[i].Release();
                using var response = await slowSends[i];
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    
        [Fact]
        public async Task ShouldServeStylePreviewsWhileEverySlotIsConverting()
        {
            // The one slot holds a conversion in its model run (held there until its client leaves), and no queue.
            using var app = WebApp.OnLoopback(("Jobs", "1"), ("QueueLimit", "0"), ("HoldAtStage", "Stylizing"));
            using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(5) };
            var form = Uploads.Form(Uploads.Photo(TestFiles.Rickshaw, 320), "held.jpg", ("faces", "false"));
            using (var held = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = form }, HttpCompletionOption.ResponseHeadersRead))
            {
                using var lines = new StreamReader(await held.Content.ReadAsStreamAsync());
                while (await lines.ReadLineAsync() is string line && !line.Contains("stylizing", StringComparison.Ordinal))
                {
                }

                using (var busy = await client.PostAsync("/api/convert", Uploads.Form(Uploads.Photo(TestFiles.Rickshaw, 64), "other.jpg")))
                    Assert.Equal(HttpStatusCode.TooManyRequests, busy.StatusCode);
                foreach (var style in new[] { "hayao", "shinkai", "cute" })
                {
                    using var preview = await client.GetAsync($"/api/styles/{style}/preview");
                    Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
                    Assert.Equal("image/jpeg", preview.Content.Headers.ContentType!.MediaType);
                }
            }

            await app.RequestEndedAsync("/api/jobs");
        }
    }
}
