namespace AnimeGan.Release.Tests
{
    /// <summary>The command line as its users install it: a .NET tool, and an unpacked self-contained archive.</summary>
    public class TheInstalledCommandLine
    {
        [Fact]
        public void ShouldInstallAsADotnetToolAndConvertAPhoto()
        {
            using var folder = new TemporaryDirectory();
            var tools = folder.File("tools");
            ReleaseFolder.Artifact($"AnimeGan.Cli.{ReleaseFolder.Version}.nupkg");

            Command.Run("dotnet", new[] { "tool", "install", "AnimeGan.Cli", "--version", ReleaseFolder.Version, "--tool-path", tools, "--add-source", ReleaseFolder.Path }).Succeeded();
            var photo = TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("photo.jpg"), 480);
            var run = Command.Run(Path.Combine(tools, "animegan"), new[] { "convert", photo, "--max-size", "256", "--no-faces" }, environment: new Dictionary<string, string> { ["ANIMEGAN_MODELS"] = TestModels.Folder }).Succeeded();

            AssertStylizedCopy(photo, folder.File("photo_anime.jpg"), run);
        }

        [Fact]
        public void ShouldRunUnpackedWithoutDotnetAndConvertWithItsOwnModels()
        {
            using var folder = new TemporaryDirectory();
            var name = $"animegan-{ReleaseFolder.Version}-linux-x64";
            Command.Run("tar", new[] { "-xzf", ReleaseFolder.Artifact(name + ".tar.gz"), "-C", folder.Path }).Succeeded();
            var photo = TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("photo.jpg"), 480);

            // No dotnet on PATH, no DOTNET_ROOT, no ANIMEGAN_MODELS: only what the archive holds.
            var environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = folder.Path };
            var run = Command.Run(Path.Combine(folder.Path, name, "animegan"), new[] { "convert", photo, "--max-size", "256" }, folder.Path, environment, clearEnvironment: true).Succeeded();

            AssertStylizedCopy(photo, folder.File("photo_anime.jpg"), run);
            var styles = Command.Run(Path.Combine(folder.Path, name, "animegan"), new[] { "models", "list" }, folder.Path, environment, clearEnvironment: true).Succeeded();
            Assert.Contains(Path.Combine(folder.Path, name, "models"), styles.Out);
            // The INT8 graph came made; the first conversion measured it here and chose the default precision.
            var precision = Command.Run(Path.Combine(folder.Path, name, "animegan"), new[] { "styles", "--json" }, folder.Path, environment, clearEnvironment: true).Succeeded();
            using var json = System.Text.Json.JsonDocument.Parse(precision.Out);
            var decided = json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "hayao").GetProperty("precision").GetString()!;
            Assert.Matches("^(int8: |float: int8 )", decided);
            // The conversion line names INT8 when it ran (float is the plain case).
            Assert.Equal(decided.StartsWith("int8", StringComparison.Ordinal), run.Out.Contains(" s, int8)", StringComparison.Ordinal));
        }

        private static void AssertStylizedCopy(string photo, string output, Command run)
        {
            Assert.True(File.Exists(output), run.Out + run.Error);
            using var before = new MagickImage(photo);
            using var after = new MagickImage(output);
            Assert.Equal(before.Width, after.Width);
            Assert.Equal(before.Height, after.Height);
            Assert.True(before.Compare(after, ErrorMetric.RootMeanSquared) > 0.02, "the output is the photo unchanged");
        }
    }
}
