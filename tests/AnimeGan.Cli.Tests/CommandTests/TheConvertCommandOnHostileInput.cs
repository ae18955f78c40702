using AnimeGan.Cli.Console;

namespace AnimeGan.Cli.Tests.CommandTests
{
    public class TheConvertCommandOnHostileInput
    {
        private static byte[] Jpeg(int size = 96)
        {
            using var image = new MagickImage(TestFiles.Square);
            image.Resize((uint)size, (uint)size);
            return image.ToByteArray(MagickFormat.Jpeg);
        }

        [Fact]
        public async Task ShouldNameEveryBadFileConvertTheRestAndTouchNoOriginal()
        {
            using var folder = new TemporaryDirectory();
            var bad = new[] { ("empty.jpg", Array.Empty<byte>()), ("text.jpg", "hello"u8.ToArray()), ("half.jpg", Jpeg().Take(500).ToArray()), ("x.svg", "<svg/>"u8.ToArray()) };
            var good = new[] { "good one.jpg", "ünïcödé.jpg", "-dash.jpg", "msl:prefix.jpg" };
            foreach (var (name, bytes) in bad)
                File.WriteAllBytes(folder.File(name), bytes);
            foreach (var name in good)
                File.WriteAllBytes(folder.File(name), Jpeg());
            var hashes = Directory.GetFiles(folder.Path).ToDictionary(f => f, TestImages.Sha256);
            var output = folder.File("out");

            var run = await CliRun.RunAsync(new[] { "convert", "--no-faces", "--max-size", "64", "-o", output }.Concat(hashes.Keys.OrderBy(k => k)).ToArray());

            Assert.Equal(1, run.ExitCode);
            foreach (var (name, _) in bad)
                Assert.Contains(folder.File(name), run.Error);
            Assert.Equal(good.Select(g => Path.GetFileNameWithoutExtension(g) + "_anime.jpg").OrderBy(n => n, StringComparer.Ordinal), Directory.GetFiles(output).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.All(hashes, h => Assert.Equal(h.Value, TestImages.Sha256(h.Key)));
            Assert.DoesNotContain("   at ", run.Error);
        }

        [Fact]
        public async Task ShouldLeaveOnlyCompleteOutputsWhenInterrupted()
        {
            using var folder = new TemporaryDirectory();
            for (var i = 0; i < 6; i++)
                TestImages.WritePhoto(TestFiles.Rickshaw, folder.File($"p{i}.jpg"), 1280);
            var output = folder.File("out");
            using var cancellation = new CancellationTokenSource();

            // Ctrl+C as the first result line is printed: a known point of the batch, not a moment in time.
            var stdout = new CancelOnFirstLine(cancellation);
            var stderr = new StringWriter();

            var code = await CliApp.RunAsync(new[] { "--models", TestModels.Folder, "convert", folder.Path, "-o", output, "--no-faces", "--max-size", "256", "--jobs", "2" }, new CliConsole(stdout, stderr, false), cancellation.Token);

            Assert.Equal(130, code);
            Assert.Contains("interrupted: 1 of 6 converted", stderr.ToString());
            var written = Directory.GetFiles(output);
            var file = Assert.Single(written);
            Assert.EndsWith("_anime.jpg", file);
            using var image = new MagickImage(file);
            Assert.Equal(1280u, image.Width);
        }

        /// <summary>Standard output that cancels the run when the first line arrives.</summary>
        private sealed class CancelOnFirstLine : StringWriter
        {
            private readonly CancellationTokenSource _cancellation;

            public CancelOnFirstLine(CancellationTokenSource cancellation) => _cancellation = cancellation;

            public override void WriteLine(string? value)
            {
                base.WriteLine(value);
                _cancellation.Cancel();
            }
        }
    }
}
