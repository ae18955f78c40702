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
        public async Task ShouldTakeAFolderAndAPatternAsConvertDoes()
        {
            using var folder = new TemporaryDirectory();
            File.Copy(Path.Combine(TestFiles.Portraits, "3.jpg"), folder.File("group.jpg"));
            File.Copy(TestFiles.Square, folder.File("scene_anime.jpg"));

            var byFolder = await CliRun.RunAsync("faces", folder.Path);
            var byPattern = await CliRun.RunAsync("faces", folder.File("gr?up.[jp]pg"));
            var byNothing = await CliRun.RunAsync("faces", folder.File("none*.jpg"));

            Assert.Equal(0, byFolder.ExitCode);
            Assert.Contains($"{folder.File("group.jpg")}: 6 face(s)", byFolder.Out, StringComparison.Ordinal);
            Assert.Contains(folder.File("scene_anime.jpg") + ":", byFolder.Out, StringComparison.Ordinal);
            Assert.Equal(0, byPattern.ExitCode);
            Assert.Equal($"{folder.File("group.jpg")}: 6 face(s)", byPattern.Out.Split('\n')[0].TrimEnd());
            Assert.Equal(1, byNothing.ExitCode);
            Assert.Contains("none*.jpg: no such file or folder, and no picture matches it.", byNothing.Error, StringComparison.Ordinal);
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
