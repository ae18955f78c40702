using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace AnimeGan.Release.Tests
{
    /// <summary>What every artifact holds: checksums that match, the notices, and the models it promises.</summary>
    public class TheArtifacts
    {
        private static readonly string[] DefaultModelFiles = ModelManifest.Default.Defaults.Select(m => m.FileName).OrderBy(f => f, StringComparer.Ordinal).ToArray();

        /// <summary>The defaults, with the default style's INT8 graph made and registered: a user's first conversion only measures it.</summary>
        private static readonly string[] ShippedModelFiles = DefaultModelFiles
            .Append(Path.ChangeExtension(ModelManifest.Default.Get(ModelManifest.Default.DefaultStyleId).FileName, ".int8.onnx"))
            .Append("variants.json")
            .OrderBy(f => f, StringComparer.Ordinal).ToArray();

        [Fact]
        public void ShouldBeListedInSha256SumsWithTheirOwnHashes()
        {
            var lines = File.ReadAllLines(ReleaseFolder.Artifact("SHA256SUMS")).Where(l => l.Length > 0).ToList();
            var listed = lines.Select(l => (Hash: l.Substring(0, 64), Name: l.Substring(66))).ToList();

            var present = Directory.GetFiles(ReleaseFolder.Path).Select(Path.GetFileName).Where(n => n != "SHA256SUMS").OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(present, listed.Select(l => l.Name).OrderBy(n => n, StringComparer.Ordinal));
            foreach (var (hash, name) in listed)
            {
                using var file = File.OpenRead(Path.Combine(ReleaseFolder.Path, name!));
                Assert.Equal(hash, Convert.ToHexString(SHA256.HashData(file)).ToLowerInvariant());
            }
        }

        [Fact]
        public void ShouldHoldEveryKindOfArtifactForThisVersion()
        {
            var v = ReleaseFolder.Version;
            foreach (var name in new[]
            {
                $"AnimeGan-PaintDotNet-{v}.zip", $"AnimeGan.Cli.{v}.nupkg", $"AnimeGan.{v}.nupkg", $"animegan-serve-{v}.image.tar",
                $"animegan-{v}-linux-x64.tar.gz", $"animegan-{v}-osx-arm64.tar.gz", $"animegan-{v}-win-x64.zip",
            })
            {
                Assert.True(new FileInfo(ReleaseFolder.Artifact(name)).Length > 0, name);
            }
        }

        [Theory]
        [InlineData("linux-x64", "animegan")]
        [InlineData("osx-arm64", "animegan")]
        [InlineData("win-x64", "animegan.exe")]
        public void ShouldShipTheCommandLineWithTheDefaultModelsAndTheNotices(string rid, string program)
        {
            var name = $"animegan-{ReleaseFolder.Version}-{rid}";
            var all = rid.StartsWith("win", StringComparison.Ordinal)
                ? ZipEntries(ReleaseFolder.Artifact(name + ".zip")).Select(e => e.Replace('\\', '/')).ToList()
                : TarEntries(ReleaseFolder.Artifact(name + ".tar.gz"));
            // Every archive unpacks into its own folder.
            Assert.All(all.Where(e => e.Length > 0), e => Assert.True(e == name || e.StartsWith(name + "/", StringComparison.Ordinal), $"{e} is outside the folder {name}"));
            var entries = all.Where(e => e.StartsWith(name + "/", StringComparison.Ordinal)).Select(e => e.Substring(name.Length + 1)).ToList();

            Assert.Contains(program, entries);
            Assert.Contains("THIRD-PARTY-NOTICES.md", entries);
            Assert.Contains("LICENSE", entries);
            Assert.Equal(ShippedModelFiles, entries.Where(e => e.StartsWith("models/", StringComparison.Ordinal) && e.Length > "models/".Length).Select(e => e.Substring("models/".Length)).OrderBy(f => f, StringComparer.Ordinal));
            Assert.DoesNotContain(entries, e => e.EndsWith(".pdb", StringComparison.Ordinal));
            // Nothing that only linking or IIS needs.
            Assert.DoesNotContain(entries, e => e.EndsWith(".lib", StringComparison.Ordinal) || e == "aspnetcorev2_inprocess.dll");
        }

        [Fact]
        public void ShouldPackTheToolWithOnlyWhatRuns()
        {
            var entries = ZipEntries(ReleaseFolder.Artifact($"AnimeGan.Cli.{ReleaseFolder.Version}.nupkg"));
            var tool = entries.Where(e => e.StartsWith("tools/net10.0/any/", StringComparison.Ordinal)).Select(e => e.Substring("tools/net10.0/any/".Length)).ToList();

            Assert.Contains("animegan.dll", tool);
            Assert.Contains("AnimeGan.Web.dll", tool);
            // No XML docs, no symbols, and no launcher of the server's own (it runs inside animegan).
            Assert.DoesNotContain(tool, e => e.EndsWith(".xml", StringComparison.Ordinal) && e != "DotnetToolSettings.xml");
            Assert.DoesNotContain(tool, e => e.EndsWith(".pdb", StringComparison.Ordinal));
            Assert.DoesNotContain("AnimeGan.Web", tool);
            Assert.DoesNotContain("AnimeGan.Web.exe", tool);
        }

        [Fact]
        public void ShouldBundleStylesInThePaintDotNetZipUnderSixtyMegabytes()
        {
            var zip = ReleaseFolder.Artifact($"AnimeGan-PaintDotNet-{ReleaseFolder.Version}.zip");
            var entries = ZipEntries(zip);

            Assert.True(new FileInfo(zip).Length < 60L * 1024 * 1024, $"{zip} is {new FileInfo(zip).Length} bytes");
            Assert.Contains("THIRD-PARTY-NOTICES.md", entries);
            var models = entries.Where(e => e.StartsWith("AnimeGan/models/", StringComparison.Ordinal) && e.EndsWith(".onnx", StringComparison.Ordinal)).Select(Path.GetFileName).ToList();
            Assert.All(DefaultModelFiles, f => Assert.Contains(f, models));
            Assert.DoesNotContain(models, m => m!.EndsWith(".optimized.onnx", StringComparison.Ordinal));
            // Every style bundled comes with its INT8 graph made, registered in variants.json.
            Assert.All(ModelManifest.Default.Models.Where(m => m.Kind == ModelKind.Style && models.Contains(m.FileName)), m => Assert.Contains(Path.ChangeExtension(m.FileName, ".int8.onnx"), models));
            Assert.Contains("AnimeGan/models/variants.json", entries);
        }

        [Fact]
        public void ShouldNameEveryModelWithItsLicenceAndHashInTheNotices()
        {
            var notices = File.ReadAllText(Path.Combine(ReleaseFolder.Repository, "THIRD-PARTY-NOTICES.md"));

            Assert.Contains("non-commercial use only", notices, StringComparison.Ordinal);
            foreach (var model in ModelManifest.Default.Models)
            {
                var row = notices.Split('\n').SingleOrDefault(l => l.Contains(model.Sha256, StringComparison.Ordinal));
                Assert.True(row != null, $"{model.Id}: no row with its SHA-256");
                Assert.Contains(model.FileName, row, StringComparison.Ordinal);
                Assert.Contains(model.Licence, row, StringComparison.Ordinal);
                if (model.Source != null)
                    Assert.Contains(model.Source.ToString(), row, StringComparison.Ordinal);
            }
        }

        private static System.Collections.Generic.List<string> ZipEntries(string path)
        {
            using var archive = ZipFile.OpenRead(path);
            return archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
        }

        private static System.Collections.Generic.List<string> TarEntries(string path)
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            var names = new System.Collections.Generic.List<string>();
            while (reader.GetNextEntry() is TarEntry entry)
                names.Add(entry.Name.TrimEnd('/').Replace("./", "", StringComparison.Ordinal));
            return names;
        }
    }
}
