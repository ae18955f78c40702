using System.Text.Json;

namespace AnimeGan.Cli.Tests.CommandTests
{
    public class TheModelsOptimizeCommand
    {
        [Fact]
        public async Task ShouldMakeAnInt8VariantThatConvertUses()
        {
            using var folder = new TemporaryDirectory();
            var models = folder.File("models");
            var install = await CliRun.RunWithoutModelsAsync(models, "models", "install", "cute", "--from", TestFiles.ModelsFolder, "--skip-int8");
            Assert.Contains("optimized graph: ", install.Out);
            var list = await CliRun.RunWithoutModelsAsync(models, "models", "list");
            Assert.Matches(@"(?m)^cute\s.*\syes\s+yes$", list.Out);

            // No --calibrate: calibrated on the built-in scenes, then timed against cute on this CPU.
            var optimize = await CliRun.RunWithoutModelsAsync(models, "models", "optimize", "cute", "--int8");

            Assert.Equal(0, optimize.ExitCode);
            Assert.Contains("cute@int8", optimize.Out);
            Assert.Contains("calibrated on the built-in drawn scenes", optimize.Out);
            Assert.Contains("as fast as cute on this CPU", optimize.Out + optimize.Error);
            var listed = await CliRun.RunWithoutModelsAsync(models, "models", "list", "--json");
            using (var json = JsonDocument.Parse(listed.Out))
            {
                var rows = json.RootElement.EnumerateArray().ToList();
                Assert.Equal("yes", rows.Single(e => e.GetProperty("id").GetString() == "cute").GetProperty("optimized").GetString());
                Assert.Equal("variant", rows.Single(e => e.GetProperty("id").GetString() == "cute@int8").GetProperty("optimized").GetString());
            }

            var styles = await CliRun.RunWithoutModelsAsync(models, "styles", "--json");
            using (var json = JsonDocument.Parse(styles.Out))
            {
                Assert.Contains(json.RootElement.EnumerateArray(), e => e.GetProperty("id").GetString() == "cute@int8");
                // The default precision was decided on this processor, and styles says which and why.
                var decided = System.Text.RegularExpressions.Regex.Match(optimize.Out, @"cute: runs by default on this processor in ((int8|float): [^(]+) \(").Groups[1].Value;
                Assert.NotEmpty(decided);
                Assert.Equal(decided, json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "cute").GetProperty("precision").GetString());
                var byDefault = await CliRun.RunWithoutModelsAsync(models, "convert", TestImages.WritePhoto(TestFiles.Square, folder.File("d.jpg"), 96), "--style", "cute", "--no-faces");
                Assert.Equal(decided.StartsWith("int8", StringComparison.Ordinal), byDefault.Out.Contains(" s, int8)", StringComparison.Ordinal));
            }
            var input = TestImages.WritePhoto(TestFiles.Square, folder.File("p.jpg"), 96);
            var convert = await CliRun.RunWithoutModelsAsync(models, "convert", input, "--style", "cute@int8", "--no-faces");
            Assert.Equal(0, convert.ExitCode);
            Assert.True(File.Exists(folder.File("p_anime.jpg")));
        }

        [Fact]
        public async Task ShouldNotBeNeededAfterAnInstallWhichDecidesThePrecision()
        {
            using var folder = new TemporaryDirectory();
            var models = folder.File("models");

            var install = await CliRun.RunWithoutModelsAsync(models, "models", "install", "cute", "--from", TestFiles.ModelsFolder);

            Assert.Equal(0, install.ExitCode);
            Assert.Contains("cute: making its INT8 graph", install.Out, StringComparison.Ordinal);
            var decided = System.Text.RegularExpressions.Regex.Match(install.Out, @"cute: runs by default on this processor in ((int8|float): [^(]+) \(").Groups[1].Value;
            Assert.NotEmpty(decided);
            var styles = await CliRun.RunWithoutModelsAsync(models, "styles", "--json");
            using (var json = JsonDocument.Parse(styles.Out))
                Assert.Equal(decided, json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "cute").GetProperty("precision").GetString());
            var convert = await CliRun.RunWithoutModelsAsync(models, "convert", TestImages.WritePhoto(TestFiles.Square, folder.File("d.jpg"), 96), "--style", "cute", "--no-faces");
            Assert.Equal(decided.StartsWith("int8", StringComparison.Ordinal), convert.Out.Contains(" s, int8)", StringComparison.Ordinal));
        }

        [Fact]
        public async Task ShouldExitTwoWithoutAKind()
        {
            var run = await CliRun.RunAsync("models", "optimize", "cute");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--int8", run.Error);
        }
    }
}
