using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Text.Json;

namespace AnimeGan.Web.Tests.ApiTests
{
    /// <summary>The server's memory bounds: a picture small on disk but huge decoded, a working size past the server's ceiling, and admission by memory.</summary>
    public class TheMemoryBudget
    {
        [Fact]
        public async Task ShouldRefuseAPictureWhoseConversionWouldNeedMoreThanTheWholeBudget()
        {
            using var app = new WebApp(("MaxMemoryMb", "2048"));
            using var client = app.CreateClient();

            // A real PNG of 14000 x 14000 white pixels: under 1 MB on disk, under the 200-megapixel limit.
            using var response = await client.PostAsync("/api/convert", Uploads.Form(BlankPng(14000, 14000), "wall.png"));

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
            Assert.StartsWith("wall.png: 14000 x 14000 would need about", detail, StringComparison.Ordinal);
            Assert.Contains("memory budget of 2048 MB", detail, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(app.Store.Root));
        }

        [Fact]
        public async Task ShouldServeALargerWorkingSizeThanTheServersCeilingAtTheCeilingAndSaySo()
        {
            using var app = new WebApp(("MaxWorkingSize", "256"));
            using var client = app.CreateClient();
            var photo = Uploads.Photo(TestFiles.Rickshaw, 320);

            using (var converted = await client.PostAsync("/api/convert", Uploads.Form(photo, "street.jpg", ("maxSize", "8192"), ("faces", "false"))))
            {
                Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
                Assert.Equal("This server works at 256 px at most: street.jpg was converted at 256 px, not the 8192 asked.", converted.Headers.GetValues("AnimeGan-Notice").Single());
                using var result = new MagickImage(await converted.Content.ReadAsByteArrayAsync());
                Assert.Equal(320u, Math.Max(result.Width, result.Height));
            }

            using var job = await client.PostAsync("/api/jobs", Uploads.Form(photo, "street.jpg", ("maxSize", "8192"), ("faces", "false")));
            var lines = (await job.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(lines, line => line.Contains("\"notice\":\"This server works at 256 px at most", StringComparison.Ordinal));
            Assert.Contains("\"done\"", lines[^1], StringComparison.Ordinal);
        }

        [Fact]
        public async Task ShouldAskAConversionThatDoesNotFitBesideTheRunningOneToComeBack()
        {
            // Two slots, but memory for one conversion of this photo (about 90 MB by the engine's estimate), whose
            // model run is held until its client leaves.
            var photo = Uploads.Photo(TestFiles.Rickshaw, 320);
            Assert.InRange(AnimeGan.Core.Batches.MemoryBudget.EstimateBytes(320, 213, AnimeGanEngine.DefaultMaxSize, TestModels.Store.Manifest.Get("hayao", ModelKind.Style)), 65L << 20, 127L << 20);
            using var app = WebApp.OnLoopback(("Jobs", "2"), ("MaxMemoryMb", "128"), ("HoldAtStage", "Stylizing"));
            using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(5) };
            using (var held = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = Uploads.Form(photo, "first.jpg", ("faces", "false")) }, HttpCompletionOption.ResponseHeadersRead))
            {
                using var lines = new StreamReader(await held.Content.ReadAsStreamAsync());
                while (await lines.ReadLineAsync() is string line && !line.Contains("stylizing", StringComparison.Ordinal))
                {
                }

                using var second = await client.PostAsync("/api/convert", Uploads.Form(photo, "second.jpg", ("faces", "false")));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(5), second.Headers.RetryAfter!.Delta);
                Assert.Contains("memory budget (128 MB)", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            await app.RequestEndedAsync("/api/jobs");
        }

        /// <summary>A PNG of one colour, written row by row: the file is tiny however large the picture.</summary>
        private static byte[] BlankPng(int width, int height)
        {
            using var file = new MemoryStream();
            file.Write(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
            var header = new byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header, width);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
            header[8] = 8; // bits per channel
            header[9] = 2; // RGB
            Chunk(file, "IHDR", header);
            using (var pixels = new MemoryStream())
            {
                using (var deflate = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
                {
                    var row = new byte[1 + (width * 3)];
                    Array.Fill(row, (byte)0xFF, 1, width * 3);
                    for (var y = 0; y < height; y++)
                        deflate.Write(row);
                }

                Chunk(file, "IDAT", pixels.ToArray());
            }

            Chunk(file, "IEND", Array.Empty<byte>());
            return file.ToArray();
        }

        private static void Chunk(Stream file, string type, byte[] data)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
            file.Write(length);
            var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            file.Write(typeAndData);
            var crc = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, System.IO.Hashing.Crc32.HashToUInt32(typeAndData));
            file.Write(crc);
        }
    }
}
