using System.Text.Json;

namespace AnimeGan.Cli.Tests.CommandTests
{
    public class TheFacesCommand
    {
        [Fact]
        public async Task ShouldPrintEachFaceAsJson()
        {
            var run = await CliRun.RunAsync("faces", Path.Combine(TestFiles.Portraits, "3.jpg"), "--json");

            Assert.Equal(0, run.ExitCode);
            using var json = JsonDocument.Parse(run.Out);
            var faces = json.RootElement[0].GetProperty("faces").EnumerateArray().ToList();
            Assert.Equal(6, faces.Count);
            Assert.All(faces, f => Assert.Equal(5, f.GetProperty("landmarks").GetArrayLength()));
            Assert.All(faces, f => Assert.True(f.GetProperty("score").GetDouble() > 0.6));
        }

        [Fact]
        public async Task ShouldNameAnUnreadableImage()
        {
            using var folder = new TemporaryDirectory();
            var bad = TestImages.WriteBytes(folder.File("bad.png"), new byte[] { 1, 2, 3 });
            var run = await CliRun.RunAsync("faces", bad);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains(bad, run.Error);
        }

        [Fact]
        public async Task ShouldConvertWithAndWithoutFaceEnhancement()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(Path.Combine(TestFiles.Portraits, "0.jpg"), folder.File("me.jpg"), 400);

            Assert.Equal(0, (await CliRun.RunAsync("convert", input, "--faces", "--face-style", "jp-face", "--suffix", "_a")).ExitCode);
            Assert.Equal(0, (await CliRun.RunAsync("convert", input, "--no-faces", "--suffix", "_b")).ExitCode);
            Assert.NotEqual(File.ReadAllBytes(folder.File("me_a.jpg")), File.ReadAllBytes(folder.File("me_b.jpg")));
            Assert.Equal(2, (await CliRun.RunAsync("convert", input, "--faces", "--no-faces")).ExitCode);
        }
    }
}
