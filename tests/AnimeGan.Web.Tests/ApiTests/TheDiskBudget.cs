using System.Net;
using System.Text.Json;

namespace AnimeGan.Web.Tests.ApiTests
{
    /// <summary>
    /// Kept results share a disk budget (--max-disk-mb): a result makes room by letting the oldest go, and one
    /// that cannot fit alone is refused with 507 and a reason, before any work. /api/convert keeps nothing.
    /// </summary>
    public class TheDiskBudget
    {
        // A 400 x 267 photo keeps 400 * 267 * 6 = 0.64 MB of pixels; one megabyte holds one such result, not two.
        private static readonly byte[] SmallPhoto = Uploads.Photo(TestFiles.Rickshaw, 400);
        private static readonly (string, string)[] Quick = { ("maxSize", "64"), ("faces", "false") };

        [Fact]
        public async Task ShouldLetTheOldestResultGoToKeepTheNewest()
        {
            using var app = new WebApp(("MaxDiskMb", "1"));
            using var client = app.CreateClient();

            var first = await DoneIdAsync(client, "first.jpg");
            var second = await DoneIdAsync(client, "second.jpg");

            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/jobs/{first}/result")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/jobs/{second}/result")).StatusCode);
            Assert.InRange(app.Store.DiskBytes, 1, app.Store.DiskBudget);
            Assert.Equal(1048576, app.Store.DiskBudget);
        }

        [Fact]
        public async Task ShouldRefuseAResultThatCannotFitWith507BeforeConvertingAndStillConvertWithoutKeeping()
        {
            using var app = new WebApp(("MaxDiskMb", "1"));
            using var client = app.CreateClient();
            var large = Uploads.Photo(TestFiles.Rickshaw, 1280);

            using var refused = await client.PostAsync("/api/jobs", Uploads.Form(large, "large.jpg", Quick));
            Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
            var detail = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
            Assert.StartsWith("large.jpg: its result would take 7 MB on the server's disk, more than the 1 MB this server keeps results in (--max-disk-mb)", detail, StringComparison.Ordinal);
            Assert.Equal(0, app.Store.Count);

            using var converted = await client.PostAsync("/api/convert", Uploads.Form(large, "large.jpg", Quick));
            Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        }

        private static async Task<string> DoneIdAsync(HttpClient client, string name)
        {
            using var response = await client.PostAsync("/api/jobs", Uploads.Form(SmallPhoto, name, Quick));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var last = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            return JsonDocument.Parse(last).RootElement.GetProperty("done").GetProperty("id").GetString()!;
        }
    }
}
