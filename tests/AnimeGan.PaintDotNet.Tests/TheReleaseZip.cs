using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using AnimeGan.PaintDotNet.PackageCheck;
using PaintDotNet.Effects;
using AnimeGan.PaintDotNet.TestHost;

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
        public void ShouldHoldAPluginThatReferencesPaintDotNetsOwnAssembliesOnly()
        {
            using var scratch = new TemporaryDirectory();
            ZipFile.ExtractToDirectory(ReleaseZip(), scratch.Path);
            var folder = Path.Combine(scratch.Path, "AnimeGan");

            var table = PaintDotNetTypeTable.Read(Path.Combine(AppContext.BaseDirectory, "official", "type-assemblies-5.1.9.tsv"));
            Assert.Empty(PluginReferences.Problems(folder, table, PluginReferences.DotNetAssemblies()));

            // Read independently of the check: the plugin names Paint.NET's DLLs at 0.0.0.0, and the shim is gone.
            using var stream = File.OpenRead(Path.Combine(folder, "AnimeGan.PaintDotNet.dll"));
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            var references = metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h)).ToDictionary(r => metadata.GetString(r.Name), r => r.Version);
            foreach (var name in new[] { "PaintDotNet.Effects.Core", "PaintDotNet.PropertySystem", "PaintDotNet.Core", "PaintDotNet.Primitives", "PaintDotNet.Windows", "PaintDotNet.Windows.Core" })
                Assert.Equal(new Version(0, 0, 0, 0), references[name]);
            Assert.DoesNotContain(references.Keys, n => n.Contains("Shim", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("PaintDotNet.Effects.Core", references.Keys);
            Assert.Equal(".NETCoreApp,Version=v9.0", TargetFramework(metadata));
            Assert.Empty(Directory.GetFiles(folder, "PaintDotNet.*"));
        }

        private static string ReleaseZip()
        {
            var zip = Path.Combine(ThePluginPackage.RepositoryRoot(), "artifacts", "release", $"AnimeGan-PaintDotNet-{typeof(ThePluginPackage).Assembly.GetName().Version!.ToString(3)}.zip");
            Assert.True(File.Exists(zip), $"{zip} is missing: run ./release.sh (test.sh does) first.");
            return zip;
        }

        /// <summary>The assembly's TargetFrameworkAttribute, as the SDK wrote it.</summary>
        private static string? TargetFramework(MetadataReader metadata)
        {
            foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = metadata.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                    continue;
                var type = metadata.GetTypeReference((TypeReferenceHandle)metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent);
                if (metadata.GetString(type.Name) != "TargetFrameworkAttribute")
                    continue;
                var value = metadata.GetBlobReader(attribute.Value);
                value.ReadUInt16();
                return value.ReadSerializedString();
            }

            return null;
        }

        [Fact]
        public void ShouldStylizeWithTheStyleItsReleaseZipBundlesAndNoOtherModels()
        {
            // The release zip's folder is for Windows: its models go into the same layout made for linux-x64, and
            // the per-user models folder points nowhere, so only what the zip carries can be used.
            using var scratch = new TemporaryDirectory();
            var zip = ReleaseZip();
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
