using AnimeGan.PaintDotNet.PackageCheck;

namespace AnimeGan.PaintDotNet.Tests
{
    /// <summary>The check that runs on every publish of the plugin folder: what it lets through and what it stops.</summary>
    public class ThePackageCheck : IClassFixture<ThePackageCheck.PublishedFolder>
    {
        private static readonly string TablePath = Path.Combine(AppContext.BaseDirectory, "official", "type-assemblies-5.1.9.tsv");

        private readonly PublishedFolder _published;

        public ThePackageCheck(PublishedFolder published) => _published = published;

        [Fact]
        public void ShouldPassThePublishedFolderAndStopATypeLookedUpInAnotherAssembly()
        {
            using var scratch = new TemporaryDirectory();
            var layout = _published.CopyTo(scratch.Path);
            Assert.Empty(PluginReferences.Problems(layout, PaintDotNetTypeTable.Read(TablePath), PluginReferences.DotNetAssemblies()));

            // The same plugin against a table that puts its base class elsewhere: the reference no longer binds.
            var moved = Path.Combine(scratch.Path, "moved.tsv");
            File.WriteAllLines(moved, File.ReadLines(TablePath).Select(l => l.StartsWith("PaintDotNet.Effects.PropertyBasedBitmapEffect\t", StringComparison.Ordinal) ? "PaintDotNet.Effects.PropertyBasedBitmapEffect\tPaintDotNet.Base.dll" : l));
            var problems = PluginReferences.Problems(layout, PaintDotNetTypeTable.Read(moved), PluginReferences.DotNetAssemblies());
            Assert.Equal(new[] { "AnimeGan.PaintDotNet.dll looks for PaintDotNet.Effects.PropertyBasedBitmapEffect in PaintDotNet.Effects.Core; Paint.NET has it in PaintDotNet.Base." }, problems);
        }

        [Fact]
        public void ShouldStopAnAssemblyNeitherShippedNorPaintDotNetsNorDotNets()
        {
            // The tests' own assembly beside the plugin: it needs xunit, which Paint.NET does not have.
            using var scratch = new TemporaryDirectory();
            var layout = _published.CopyTo(scratch.Path);
            File.Copy(typeof(ThePackageCheck).Assembly.Location, Path.Combine(layout, "AnimeGan.PaintDotNet.Tests.dll"));
            var problems = PluginReferences.Problems(layout, PaintDotNetTypeTable.Read(TablePath), PluginReferences.DotNetAssemblies());
            Assert.Contains("AnimeGan.PaintDotNet.Tests.dll references the assembly xunit.core, which is neither in the plugin folder, nor Paint.NET's, nor .NET's.", problems);
        }

        [Fact]
        public void ShouldStopAStandInShippedInTheFolder()
        {
            using var scratch = new TemporaryDirectory();
            var layout = _published.CopyTo(scratch.Path);
            File.Copy(typeof(global::PaintDotNet.Effects.EffectBase).Assembly.Location, Path.Combine(layout, "PaintDotNet.Effects.Core.dll"));
            var problems = PluginReferences.Problems(layout, PaintDotNetTypeTable.Read(TablePath), PluginReferences.DotNetAssemblies());
            Assert.Contains("AnimeGan.PaintDotNet.dll: the folder carries PaintDotNet.Effects.Core.dll, which is Paint.NET's own and must come from Paint.NET.", problems);
        }

        /// <summary>The plugin folder for Windows, published once for these tests; each test works on its own copy.</summary>
        public sealed class PublishedFolder : IDisposable
        {
            private readonly TemporaryDirectory _scratch = new();
            private readonly string _layout;

            public PublishedFolder() => _layout = ThePluginPackage.Publish(_scratch, runtimes: "win-x64").Layout;

            public string CopyTo(string parent)
            {
                var copy = Path.Combine(parent, "AnimeGan");
                foreach (var file in Directory.GetFiles(_layout, "*", SearchOption.AllDirectories))
                {
                    var target = Path.Combine(copy, Path.GetRelativePath(_layout, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target);
                }

                return copy;
            }

            public void Dispose() => _scratch.Dispose();
        }
    }
}
