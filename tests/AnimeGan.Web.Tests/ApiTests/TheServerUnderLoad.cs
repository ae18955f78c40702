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
