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
    }
}
