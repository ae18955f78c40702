using System.Management.Automation;

namespace AnimeGan.PowerShell.Tests.CmdletTests
{
    [Collection(nameof(ModuleHost))]
    public class TheConvertToAnimeCmdlet : IClassFixture<ModuleHostFixture>
    {
        private readonly ModuleHost _host;

        public TheConvertToAnimeCmdlet(ModuleHostFixture fixture) => _host = fixture.Host;

        private static string Photos(TemporaryDirectory folder, params string[] names)
        {
            foreach (var name in names)
                File.Copy(TestFiles.Square, folder.File(name));
            return folder.Path;
        }

        [Fact]
        public void ShouldReportOneErrorForACorruptFileAndConvertTheOthers()
        {
            using var folder = new TemporaryDirectory();
            Photos(folder, "a.jpg", "c.jpg");
            var corrupt = folder.File("b.jpg");
            File.WriteAllBytes(corrupt, File.ReadAllBytes(TestFiles.Square).Take(2000).ToArray());

            var (output, shell) = _host.Run($"Convert-ToAnime -Path '{folder.Path}/*.jpg' -MaxSize 128 -NoFaceEnhancement -ThrottleLimit 2 -ModelsPath '{ModuleHost.Models}'");

            using (shell)
            {
                Assert.Equal(2, output.Count);
                var error = Assert.Single(shell.Streams.Error);
                Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
                Assert.Equal(corrupt, error.TargetObject);
                Assert.StartsWith("CorruptImage", error.FullyQualifiedErrorId);
                Assert.Contains("b.jpg", error.Exception.Message);
                Assert.NotEmpty(shell.Streams.Progress);
                Assert.Contains(shell.Streams.Progress, p => p.PercentComplete == 100);
            }

            Assert.False(File.Exists(folder.File("b_anime.jpg")));
            Assert.True(File.Exists(folder.File("a_anime.jpg")));
            Assert.True(File.Exists(folder.File("c_anime.jpg")));
        }

        [Fact]
        public void ShouldKeepThePhotosColoursWithKeepColors()
        {
            using var folder = new TemporaryDirectory();
            File.Copy(TestFiles.Rickshaw, folder.File("p.jpg"));
            string Convert(string suffix, string settings)
            {
                _host.Invoke($"Convert-ToAnime -LiteralPath '{folder.File("p.jpg")}' -Style shinkai -MaxSize 128 -NoFaceEnhancement -Format bmp -Suffix {suffix} {settings} -ModelsPath '{ModuleHost.Models}'");
                return folder.File($"p{suffix}.bmp");
            }

            var original = ReadBmp(Convert("_original", "-Strength 0"));
            var styled = ReadBmp(Convert("_styled", ""));
            var kept = ReadBmp(Convert("_kept", "-KeepColors"));

            var styledShift = ChromaMetrics.MeanDifference(original, styled);
            var keptShift = ChromaMetrics.MeanDifference(original, kept);
            Assert.True(keptShift < styledShift / 3, $"chroma moved {keptShift:0.0} with -KeepColors, {styledShift:0.0} without");
        }

        [Fact]
        public void ShouldOfferTheAboutTopicItsHelpLinksTo()
        {
            var topic = string.Join("\n", _host.Invoke("Get-Help about_AnimeGan").Select(o => o.ToString()));

            Assert.Contains("MODELS FOLDER", topic);
            Assert.Contains("Install-AnimeModel -All -SourcePath", topic);
        }

        [Fact]
        public void ShouldKeepTheEngineInThePrivateLoadContext()
        {
            Assert.Equal(true, _host.Invoke("[AnimeGan.PowerShell.ModuleInitializer]::IsIsolated").Single().BaseObject);
            var context = _host.Invoke("[System.Runtime.Loader.AssemblyLoadContext]::All.Where({ $_.Name -eq 'AnimeGan' }).Assemblies.GetName().Name").Select(o => o.ToString()).ToList();
            Assert.Contains("AnimeGan.Core", context);
            Assert.Contains("Microsoft.ML.OnnxRuntime", context);
            Assert.Contains("Magick.NET-Q8-AnyCPU", context);
        }

        [Fact]
        public void ShouldExportTheCmdletsAndAlias()
        {
            var names = _host.Invoke("(Get-Module AnimeGan).ExportedCommands.Keys").Select(o => o.ToString()).OrderBy(n => n).ToList();
            Assert.Equal(new[] { "Convert-ToAnime", "ConvertTo-Anime", "Get-AnimeFace", "Get-AnimeStyle", "Install-AnimeModel", "Optimize-AnimeModel" }, names);
        }

        // The test does not load the engine (the module must bring its own), so it reads the uncompressed
        // BMPs the cmdlet writes by hand: 24 or 32 bits per pixel, rows padded to 4 bytes.
        private static byte[] ReadBmp(string path)
        {
            var bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'B', bytes[0]);
            var offset = BitConverter.ToInt32(bytes, 10);
            var width = BitConverter.ToInt32(bytes, 18);
            var height = BitConverter.ToInt32(bytes, 22);
            var step = BitConverter.ToInt16(bytes, 28) / 8;
            Assert.Contains(step, new[] { 3, 4 });
            var rows = Math.Abs(height);
            var stride = ((width * step) + 3) / 4 * 4;
            var rgb = new byte[width * rows * 3];
            for (var y = 0; y < rows; y++)
            {
                var row = offset + ((height > 0 ? rows - 1 - y : y) * stride);
                for (var x = 0; x < width; x++)
                {
                    var d = ((y * width) + x) * 3;
                    rgb[d] = bytes[row + (x * step) + 2];
                    rgb[d + 1] = bytes[row + (x * step) + 1];
                    rgb[d + 2] = bytes[row + (x * step)];
                }
            }

            return rgb;
        }
    }

    public sealed class ModuleHostFixture : IDisposable
    {
        public ModuleHost Host { get; } = new ModuleHost();

        public void Dispose() => Host.Dispose();
    }
}
