using System.Net;
using System.Text.Json;
using ImageMagick.Drawing;

namespace AnimeGan.Web.Tests.ApiTests
{
    /// <summary>An animated GIF or WebP comes back animated from /api/convert, and the page's jobs API says where to send it.</summary>
    public class TheAnimatedUploads : IClassFixture<TheConvertEndpoint.App>
    {
        private const int Frames = 4;

        private readonly WebApp _app;

        public TheAnimatedUploads(TheConvertEndpoint.App app) => _app = app.Web;

        [Theory]
        [InlineData("clip.gif", MagickFormat.Gif, "image/gif")]
        [InlineData("clip.webp", MagickFormat.WebP, "image/webp")]
        public async Task ShouldReturnEveryFrameWithItsDelayFromConvert(string name, MagickFormat format, string contentType)
        {
            using var client = _app.CreateClient();

            using var response = await client.PostAsync("/api/convert", Uploads.Form(Animation(format), name, ("faces", "false"), ("maxSize", "128")));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
            using var frames = new MagickImageCollection(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(Frames, frames.Count);
            Assert.Equal(new uint[] { 10, 20, 30, 40 }, frames.Select(f => f.AnimationDelay).ToArray());
            frames.Coalesce();
            Assert.All(frames, f => Assert.Equal((128u, 96u), (f.Width, f.Height)));
        }

        [Fact]
        public async Task ShouldReturnTheFirstFrameStillWhenAStillFormatIsAsked()
        {
            using var client = _app.CreateClient();

            using var response = await client.PostAsync("/api/convert", Uploads.Form(Animation(MagickFormat.Gif), "clip.gif", ("faces", "false"), ("maxSize", "128"), ("format", "png")));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var frames = new MagickImageCollection(await response.Content.ReadAsByteArrayAsync());
            Assert.Single(frames);
        }

        [Fact]
        public async Task ShouldTellThePageWhereAnAnimationGoes()
        {
            using var client = _app.CreateClient();

            using var response = await client.PostAsync("/api/jobs", Uploads.Form(Animation(MagickFormat.Gif), "clip.gif", ("faces", "false")));

            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
            Assert.Contains("clip.gif is animated (4 frames)", detail, StringComparison.Ordinal);
            Assert.Contains("/api/convert", detail, StringComparison.Ordinal);
        }

        /// <summary>A 128x96 scene with a red square moving across it, each frame 10 ticks longer than the last.</summary>
        private static byte[] Animation(MagickFormat format)
        {
            using var scene = new MagickImage(TestFiles.Rickshaw);
            scene.Resize(new MagickGeometry(128, 96) { IgnoreAspectRatio = true });
            using var frames = new MagickImageCollection();
            for (var i = 0; i < Frames; i++)
            {
                var frame = (MagickImage)scene.Clone();
                frame.Draw(new Drawables().FillColor(MagickColors.Red).Rectangle(8 + (i * 24), 30, 28 + (i * 24), 50));
                frame.AnimationDelay = (uint)(10 * (i + 1));
                frames.Add(frame);
            }

            return frames.ToByteArray(format);
        }
    }
}
