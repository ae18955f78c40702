using System.Globalization;
using System.Text.RegularExpressions;

namespace AnimeGan.PaintDotNet.Tests
{
    /// <summary>
    /// The plugin folder run by a host process of its own (AnimeGan.PaintDotNet.TestHost, which loads it as
    /// Paint.NET does), with a new user's home and temporary folders: the effect stylizes the picture and
    /// leaves nothing behind, telemetry included (on Windows ONNX Runtime's ETW events are turned off by the same
    /// engine call, which cannot be watched here).
    /// </summary>
    public class TheEffectInAProcessOfItsOwn
    {
        [Fact]
        public void ShouldStylizeLeavingNothingInHomeOrTemp()
        {
            using var scratch = new TemporaryDirectory();
            var (layout, _) = ThePluginPackage.Publish(scratch, runtimes: "linux-x64");
            var models = new ModelStore(Path.Combine(layout, "models"));
            foreach (var id in new[] { "hayao", "retinaface" })
                new ModelInstaller(models).InstallFromFolder(models.Manifest.Get(id), TestFiles.ModelsFolder);
            using var profile = new FreshProfile();

            var host = Path.Combine(AppContext.BaseDirectory, "AnimeGan.PaintDotNet.TestHost.dll");
            var (exitCode, printed) = ChildProcesses.RunDotnet(new[] { host, Path.Combine(layout, "AnimeGan.PaintDotNet.dll"), "AnimeGan.PaintDotNet.AnimeGanEffect" }, profile.Environment);

            Assert.True(exitCode == 0, printed);
            var changed = Regex.Match(printed, @"changed (\d+) of (\d+) colour values");
            Assert.True(changed.Success, printed);
            Assert.True(int.Parse(changed.Groups[1].Value, CultureInfo.InvariantCulture) > int.Parse(changed.Groups[2].Value, CultureInfo.InvariantCulture) / 2, printed);
            Assert.Empty(profile.LeftInHome());
            Assert.Empty(profile.LeftInTemp());
        }
    }
}
