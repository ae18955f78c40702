using System.IO.Compression;
using PaintDotNet.Effects;
using PaintDotNet.Shim.Host;

namespace AnimeGan.PaintDotNet.Tests
{
    /// <summary>Runs alone: it points the per-user models folder away for its duration.</summary>
    [CollectionDefinition(nameof(TheReleaseZip), DisableParallelization = true)]
    public sealed class TheReleaseZipCollection
    {
    }

    /// <summary>The Paint.NET zip that ./release.sh writes: the effect works on first use with what it carries.</summary>
    [Collection(nameof(TheReleaseZip))]
    public class TheReleaseZip
    {
        [Fact]
        public void ShouldStylizeWithTheStyleItsReleaseZipBundlesAndNoOtherModels()
        {
            // The release zip's folder is for Windows: its models go into the same layout made for linux-x64, and
            // the per-user models folder points nowhere, so only what the zip carries can be used.
            using var scratch = new TemporaryDirectory();
            var zip = Path.Combine(ThePluginPackage.RepositoryRoot(), "artifacts", "release", $"AnimeGan-PaintDotNet-{typeof(ThePluginPackage).Assembly.GetName().Version!.ToString(3)}.zip");
            Assert.True(File.Exists(zip), $"{zip} is missing: run ./release.sh (test.sh does) first.");
            var (layout, _) = ThePluginPackage.Publish(scratch, runtimes: "linux-x64");
            using (var archive = ZipFile.OpenRead(zip))
            {
                foreach (var entry in archive.Entries.Where(e => e.FullName.Replace('\\', '/').StartsWith("AnimeGan/models/", StringComparison.Ordinal) && e.Name.Length > 0))
                    entry.ExtractToFile(Path.Combine(layout, "models", entry.Name));
            }

            var previous = Environment.GetEnvironmentVariable(ModelStore.FolderVariable);
            Environment.SetEnvironmentVariable(ModelStore.FolderVariable, Path.Combine(scratch.Path, "no-models-here"));
            try
            {
                var plugin = Path.Combine(layout, "AnimeGan.PaintDotNet.dll");
                var context = new PluginLoadContext(plugin);
                var effectType = context.LoadFromAssemblyPath(plugin).GetType("AnimeGan.PaintDotNet.AnimeGanEffect", throwOnError: true)!;
                var effect = (PropertyBasedBitmapEffect)Activator.CreateInstance(effectType, nonPublic: true)!;
                var (bgra, picture) = EffectFixture.Photo(160);
                using var host = new EffectHost(bgra, picture.Width, picture.Height);
                var properties = effect.CreatePropertyCollection();
                var rendered = host.Render(effect, properties);

                Assert.True(rendered.Where((b, i) => i % 4 != 3 && b != bgra[i]).Count() > bgra.Length / 2, "the picture was not stylized");
                Assert.False(Directory.Exists(Path.Combine(scratch.Path, "no-models-here")) && Directory.EnumerateFiles(Path.Combine(scratch.Path, "no-models-here"), "*.onnx").Any());
            }
            finally
            {
                Environment.SetEnvironmentVariable(ModelStore.FolderVariable, previous);
            }
        }
    }
}
