using System.Text.Json;

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
        public async Task ShouldInstallFromAFolderVerifyAndCatchATamperedModel()
        {
            using var folder = new TemporaryDirectory();
            var run = await CliRun.RunWithoutModelsAsync(folder.Path, "models", "install", "--from", TestFiles.ModelsFolder, "--skip-int8");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("hayao: installed", run.Out);
            var verify = await CliRun.RunWithoutModelsAsync(folder.Path, "models", "verify");
            Assert.Equal(0, verify.ExitCode);
            Assert.Contains("cute: ok", verify.Out);

            var path = Path.Combine(folder.Path, "AnimeGANv3_tiny_Cute.onnx");
            var bytes = File.ReadAllBytes(path);
            bytes[^1] ^= 1;
            File.WriteAllBytes(path, bytes);
            var tampered = await CliRun.RunWithoutModelsAsync(folder.Path, "models", "verify");

            Assert.Equal(1, tampered.ExitCode);
            Assert.Contains("cute: MISMATCH", tampered.Error);

            // A truncated file is not listed as installed, nor as having an optimized graph.
            File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
            var listed = await CliRun.RunWithoutModelsAsync(folder.Path, "models", "list");
            var cute = listed.Out.Split('\n').Single(l => l.StartsWith("cute ", StringComparison.Ordinal));
            Assert.Matches(@"\sdamaged\s+-\s*$", cute);
            var truncated = await CliRun.RunWithoutModelsAsync(folder.Path, "models", "verify");
            Assert.Contains("cute: MISMATCH", truncated.Error);
        }

        [Fact]
        public void ShouldNameTheOfflineWayWhenADownloadCannotReachItsHost()
        {
            // No network here is made certain by a proxy that refuses every connection (port 9, discard, closed).
            using var folder = new TemporaryDirectory();
            var (exitCode, printed) = ChildProcesses.RunDotnet(
                new[] { Path.Combine(AppContext.BaseDirectory, "animegan.dll"), "--models", folder.File("models"), "models", "install", "shinkai" },
                ("HTTPS_PROXY", "http://127.0.0.1:9"),
                ("https_proxy", "http://127.0.0.1:9"));

            Assert.Equal(1, exitCode);
            Assert.Contains("shinkai: https://github.com/", printed, StringComparison.Ordinal);
            Assert.Contains("note: without a network, install from a folder that holds the model files", printed, StringComparison.Ordinal);
            Assert.Contains("animegan models install <ids> --from DIR", printed, StringComparison.Ordinal);
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

        [Fact]
        public async Task ShouldInstallTheDefaultsWhenNoModelIsNamed()
        {
            // The defaults are in place already (from the folder), so no download happens: the run shows which models "no argument" means.
            using var folder = new TemporaryDirectory();
            await CliRun.RunWithoutModelsAsync(folder.Path, "models", "install", "hayao", "retinaface", "--from", TestFiles.ModelsFolder, "--skip-int8");

            var run = await CliRun.RunWithoutModelsAsync(folder.Path, "models", "install");

            Assert.Equal(0, run.ExitCode);
            var lines = run.Out.Split('\n').Where(l => l.Contains("already installed", System.StringComparison.Ordinal)).ToList();
            Assert.Equal(2, lines.Count);
            Assert.StartsWith("hayao:", lines[0], System.StringComparison.Ordinal);
            Assert.StartsWith("retinaface:", lines[1], System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task ShouldNameAModelWithoutAPublicDownloadUnderAllInsteadOfFailing()
        {
            using var folder = new TemporaryDirectory();
            await CliRun.RunWithoutModelsAsync(folder.Path, "models", "install", "--from", TestFiles.ModelsFolder, "--skip-int8");
            System.IO.File.Delete(System.IO.Path.Combine(folder.Path, "AnimeGANv2_Hayao.onnx"));

            var run = await CliRun.RunWithoutModelsAsync(folder.Path, "models", "install", "--all");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("note: hayao-v2 has no public download; install it from a folder that holds AnimeGANv2_Hayao.onnx with --from DIR.", run.Error);
            Assert.DoesNotContain("hayao-v2:", run.Out);
        }
    }
}
