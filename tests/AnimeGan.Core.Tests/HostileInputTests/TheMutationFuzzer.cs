using System.Diagnostics;
using Xunit.Abstractions;

namespace AnimeGan.Core.Tests.HostileInputTests
{
    /// <summary>
    /// Seeded mutation fuzzing of the decoder (and, for every tenth survivor, the whole pipeline): each case
    /// must end in a picture or an <see cref="AnimeGanException"/> within the time bound; any other exception,
    /// a hang, or a crash of the process fails the run. ANIMEGAN_FUZZ_CASES raises the count (default 500).
    /// </summary>
    public class TheMutationFuzzer
    {
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
        private readonly ITestOutputHelper _output;

        public TheMutationFuzzer(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task ShouldEndEveryMutatedJpegAndPngInAPictureOrACleanError()
        {
            var cases = int.TryParse(Environment.GetEnvironmentVariable("ANIMEGAN_FUZZ_CASES"), out var n) ? n : 500;
            var seeds = new[] { Seed(MagickFormat.Jpeg), Seed(MagickFormat.Png), SeedProgressiveJpeg() };
            var random = new Random(20261124);
            int decoded = 0, refused = 0, stylized = 0;
            var failures = new List<string>();
            var watch = Stopwatch.StartNew();

            for (var i = 0; i < cases; i++)
            {
                var seed = seeds[i % seeds.Length];
                var bytes = Mutate(seed, random);
                var name = $"case-{i}";
                var run = Task.Run(() =>
                {
                    var picture = ImageDecoder.Read(new MemoryStream(bytes), name);
                    if (decoded % 10 == 0)
                    {
                        TestModels.Engine.Stylize(picture.Pixels, new StylizeOptions { Style = "cute", MaxSize = 64, Faces = false });
                        using var sink = new MemoryStream();
                        ImageEncoder.Encode(picture.Pixels, picture.Metadata, sink, RasterFormat.Png);
                        stylized++;
                    }
                });

                try
                {
                    await run.WaitAsync(Bound);
                    decoded++;
                }
                catch (TimeoutException)
                {
                    failures.Add($"{name}: no answer within {Bound.TotalSeconds} s");
                }
                catch (AnimeGanException ex) when (ex.Message.StartsWith(name, StringComparison.Ordinal))
                {
                    refused++;
                }
                catch (Exception ex)
                {
                    failures.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
                }
            }

            _output.WriteLine($"{cases} mutated inputs in {watch.Elapsed.TotalSeconds:0.0} s: {decoded} decoded ({stylized} also stylized and encoded), {refused} refused cleanly, {failures.Count} failures");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.Equal(cases, decoded + refused);
        }

        private static byte[] Seed(MagickFormat format)
        {
            using var image = new MagickImage(TestFiles.Rickshaw);
            image.Resize(64, 64);
            return image.ToByteArray(format);
        }

        private static byte[] SeedProgressiveJpeg()
        {
            using var image = new MagickImage(TestFiles.Square);
            image.Resize(48, 48);
            image.Settings.Interlace = Interlace.Jpeg;
            return image.ToByteArray(MagickFormat.Jpeg);
        }

        /// <summary>One to three of: bit flips, random bytes, a cut, a repeated chunk, a run of 0x00/0xFF.</summary>
        private static byte[] Mutate(byte[] seed, Random random)
        {
            var bytes = seed.ToList();
            var steps = random.Next(1, 4);
            for (var s = 0; s < steps && bytes.Count > 8; s++)
            {
                // Keep the 8-byte signature most of the time so the decoder itself is exercised.
                var from = random.Next(10) == 0 ? 0 : 8;
                var at = random.Next(from, bytes.Count);
                switch (random.Next(5))
                {
                    case 0:
                        for (var k = random.Next(1, 16); k > 0; k--)
                        {
                            var p = random.Next(from, bytes.Count);
                            bytes[p] ^= (byte)(1 << random.Next(8));
                        }

                        break;
                    case 1:
                        for (var k = random.Next(1, 32); k > 0 && at < bytes.Count; k--, at++)
                            bytes[at] = (byte)random.Next(256);
                        break;
                    case 2:
                        bytes.RemoveRange(at, bytes.Count - at);
                        break;
                    case 3:
                        var length = Math.Min(random.Next(1, 256), bytes.Count - at);
                        bytes.InsertRange(random.Next(from, bytes.Count), bytes.GetRange(at, length));
                        break;
                    default:
                        var fill = random.Next(2) == 0 ? (byte)0x00 : (byte)0xFF;
                        for (var k = random.Next(1, 64); k > 0 && at < bytes.Count; k--, at++)
                            bytes[at] = fill;
                        break;
                }
            }

            return bytes.ToArray();
        }
    }
}
