using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AnimeGan.Tests;

namespace AnimeGan.Cli.Tests.CommandTests
{
    public class TheModelsAndStylesCommands
    {
        [Fact]
        public async Task ShouldListInstalledStylesAsJson()
        {
            var run = await CliRun.RunAsync("styles", "--json");

            Assert.Equal(0, run.ExitCode);
            using var json = JsonDocument.Parse(run.Out);
            var ids = json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
            Assert.Equal(new[] { "hayao", "shinkai", "hayao-v2", "jp-face", "sketch", "cute" }, ids);
            Assert.All(json.RootElement.EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("licence").GetString())));
            Assert.Contains("author's permission", run.Out);
        }

        [Fact]
        public async Task ShouldInstallFromAFolderAndVerify()
        {
            using var folder = new TemporaryDirectory();
            var run = await CliRun.RunWithoutModelsAsync(folder.Path, "models", "install", "--from", TestFiles.ModelsFolder);
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("hayao: installed", run.Out);

            var verify = await CliRun.RunWithoutModelsAsync(folder.Path, "models", "verify");
            Assert.Equal(0, verify.ExitCode);
            Assert.Contains("cute: ok", verify.Out);
        }

        [Fact]
        public async Task ShouldFailVerificationOfATamperedModel()
        {
            using var folder = new TemporaryDirectory();
            await CliRun.RunWithoutModelsAsync(folder.Path, "models", "install", "cute", "--from", TestFiles.ModelsFolder);
            var path = Path.Combine(folder.Path, "AnimeGANv3_tiny_Cute.onnx");
            var bytes = File.ReadAllBytes(path);
            bytes[^1] ^= 1;
            File.WriteAllBytes(path, bytes);

            var verify = await CliRun.RunWithoutModelsAsync(folder.Path, "models", "verify");

            Assert.Equal(1, verify.ExitCode);
            Assert.Contains("cute: MISMATCH", verify.Error);
        }

        [Fact]
        public async Task ShouldRefuseAnUnknownModelId()
        {
            using var folder = new TemporaryDirectory();
            var run = await CliRun.RunWithoutModelsAsync(folder.Path, "models", "install", "ghibli", "--from", TestFiles.ModelsFolder);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("Unknown model 'ghibli'", run.Error);
        }

        [Fact]
        public async Task ShouldListEveryModelWithItsState()
        {
            var run = await CliRun.RunAsync("models", "list", "--json");
            using var json = JsonDocument.Parse(run.Out);
            Assert.Equal(8, json.RootElement.GetArrayLength());
            Assert.All(json.RootElement.EnumerateArray(), e => Assert.True(e.GetProperty("installed").GetBoolean()));
        }
    }
}
