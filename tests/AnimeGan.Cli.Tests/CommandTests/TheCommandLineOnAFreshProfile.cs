namespace AnimeGan.Cli.Tests.CommandTests
{
    /// <summary>
    /// `animegan convert` as a new user runs it, with a home and a temporary folder of its own: it writes its
    /// output and nothing else, and above all no telemetry (ONNX Runtime's is turned off by the engine).
    /// </summary>
    public class TheCommandLineOnAFreshProfile
    {
        [Fact]
        public void ShouldConvertAPortraitLeavingNothingInHomeOrTemp()
        {
            using var profile = new FreshProfile();
            using var folder = new TemporaryDirectory();
            var photo = TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("photo.jpg"), 640);
            var output = folder.File("photo_anime.jpg");

            var (exitCode, printed) = ChildProcesses.RunDotnet(new[] { Path.Combine(AppContext.BaseDirectory, "animegan.dll"), "--models", TestModels.Folder, "convert", photo, "-o", output }, profile.Environment);

            Assert.True(exitCode == 0, printed);
            Assert.True(File.Exists(output), printed);
            Assert.Empty(profile.LeftInHome());
            Assert.Empty(profile.LeftInTemp());
        }
    }
}
