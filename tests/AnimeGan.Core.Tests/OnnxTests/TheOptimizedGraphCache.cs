using System.Text.Json;
using AnimeGan.Core.Inference;
using AnimeGan.Core.Onnx;

namespace AnimeGan.Core.Tests.OnnxTests
{
    /// <summary>The optimized graph of every style: the same pictures as the shipped graph, made once, kept honest by its hashes.</summary>
    public class TheOptimizedGraphCache
    {
        public static TheoryData<string> Styles()
        {
            var data = new TheoryData<string>();
            foreach (var style in TestModels.Store.Manifest.Styles.Where(s => !s.Id.Contains("@")))
                data.Add(style.Id);
            return data;
        }

        /// <summary>
        /// On real photos (two scenes and a portrait, at 512 px), the optimized graph's output is the shipped
        /// graph's within 40 dB PSNR, the tolerance the cache itself checks on its drawn scene.
        /// </summary>
        [Theory]
        [MemberData(nameof(Styles))]
        public void ShouldGiveTheShippedGraphsPicturesOnRealPhotos(string style)
        {
            var entry = TestModels.Store.Manifest.Get(style);
            var runnable = new OptimizedGraphCache(TestModels.Store).Resolve(entry);
            Assert.True(runnable.IsOptimized, runnable.Note);
            using var shipped = new StyleModel(entry, TestModels.Store.GetVerifiedPath(entry));
            using var optimized = new StyleModel(runnable.Entry, runnable.Path);
            Assert.Equal("float32", optimized.Contract.ElementTypeName);
            foreach (var path in new[] { TestFiles.Rickshaw, TestFiles.Square, Directory.GetFiles(TestFiles.Portraits, "*.jpg").OrderBy(p => p, StringComparer.Ordinal).First() })
            {
                var photo = Cropped(TestImages.Photo(path, 512), 16);
                var psnr = OptimizedGraphCache.Psnr(
                    shipped.Run(photo.Rgb, photo.Width, photo.Height),
                    optimized.Run(photo.Rgb, photo.Width, photo.Height));
                Assert.True(psnr >= 40, $"{style} on {Path.GetFileName(path)}: PSNR {psnr:0.0} dB");
            }
        }

        [Fact]
        public void ShouldRewriteTheAdaptiveNormalizationOfTheDefaultStyle()
        {
            var entry = TestModels.Store.Manifest.Get("hayao");
            var (model, passes) = GraphOptimizer.Optimize(OnnxModelFile.Read(TestModels.Store.GetVerifiedPath(entry)));
            Assert.Contains("13 adaptive normalizations computed in NCHW", passes);
            Assert.Contains("15 zero pads removed", passes);
            var ops = model.Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(ops["Transpose"] <= 8, $"{ops["Transpose"]} Transposes left of 34");
            Assert.False(ops.ContainsKey("Cast") && model.Graph.Node.Any(n => n.OpType == "Cast" && n.Attribute.Any(a => a.Name == "to" && a.I == 10)), "a cast to float16 is left");
        }

        [Fact]
        public void ShouldMakeTheGraphOnFirstLoadAndRunIt()
        {
            using var folder = new TemporaryDirectory();
            var store = Install(folder.Path, "cute");
            var cache = new OptimizedGraphCache(store, Path.Combine(folder.Path, "user"));
            var entry = store.Manifest.Get("cute");
            Assert.Equal("not yet made", cache.Describe(entry));

            using (var engine = new AnimeGanEngine(store))
            {
                var model = engine.LoadStyle("cute");
                Assert.True(model.RunsOptimizedGraph, model.GraphNote);
                Assert.Equal(cache.PathIn(store.Folder, entry), model.Path);
            }

            Assert.Equal("yes", cache.Describe(entry));
            Assert.Equal(Sha256File.Compute(Path.Combine(TestFiles.ModelsFolder, entry.FileName)), Sha256File.Compute(store.GetPath(entry)));
        }

        [Fact]
        public void ShouldRefuseAndRemakeAGraphWhoseHashDoesNotMatch()
        {
            using var folder = new TemporaryDirectory();
            var store = Install(folder.Path, "cute");
            var entry = store.Manifest.Get("cute");
            var first = new OptimizedGraphCache(store).Resolve(entry);
            var bytes = File.ReadAllBytes(first.Path);
            bytes[bytes.Length / 2] ^= 0x5A;
            File.WriteAllBytes(first.Path, bytes);

            var cache = new OptimizedGraphCache(store);
            Assert.StartsWith("remade at next load: ", cache.Describe(entry), StringComparison.Ordinal);
            var second = cache.Resolve(entry);
            Assert.True(second.IsOptimized, second.Note);
            Assert.Equal(RecordedHash(store.Folder, entry), Sha256File.Compute(second.Path));
            Assert.NotEqual(bytes, File.ReadAllBytes(second.Path));
        }

        [Fact]
        public void ShouldMakeTheGraphAgainWhenItsSourceChanges()
        {
            using var folder = new TemporaryDirectory();
            var store = Install(folder.Path, "cute");
            var entry = store.Manifest.Get("cute");
            var before = new OptimizedGraphCache(store).Resolve(entry);
            Assert.Equal(entry.Sha256, RecordedSource(store.Folder, entry));

            // A new release of the style: another file under the same name and id, with its own hash.
            var hayao = TestModels.Store.Manifest.Get("hayao");
            File.Copy(TestModels.Store.GetVerifiedPath(hayao), store.GetPath(entry), overwrite: true);
            var updated = new ModelEntry(entry.Id, entry.DisplayName, entry.Family, entry.Kind, entry.FileName, hayao.SizeInBytes, hayao.Sha256, entry.Licence, null, hayao.Layout, hayao.ElementType, entry.Description);
            var newStore = new ModelStore(store.Folder, ModelManifest.FromEntries(new[] { updated }));

            var after = new OptimizedGraphCache(newStore).Resolve(updated);
            Assert.True(after.IsOptimized, after.Note);
            Assert.Equal(hayao.Sha256, RecordedSource(store.Folder, entry));
            Assert.NotEqual(Sha256File.Compute(Path.Combine(TestFiles.ModelsFolder, entry.FileName)), Sha256File.Compute(after.Path));
            Assert.Contains("13 adaptive normalizations", after.Note, StringComparison.Ordinal);
            Assert.DoesNotContain("13 adaptive normalizations", before.Note, StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldPutTheGraphInTheUserFolderWhenTheModelsFolderCannotTakeIt()
        {
            using var folder = new TemporaryDirectory();
            var store = Install(folder.Path, "cute");
            var entry = store.Manifest.Get("cute");
            var cache = new OptimizedGraphCache(store, Path.Combine(folder.Path, "user"));

            // A directory where the file would go: the rename into place fails as in a read-only folder.
            Directory.CreateDirectory(cache.PathIn(store.Folder, entry));
            var runnable = cache.Resolve(entry);
            Assert.True(runnable.IsOptimized, runnable.Note);
            Assert.StartsWith(Path.Combine(folder.Path, "user"), runnable.Path, StringComparison.Ordinal);
            Assert.Equal("yes", new OptimizedGraphCache(store, Path.Combine(folder.Path, "user")).Describe(entry));
        }

        private static ModelStore Install(string folder, string style)
        {
            var store = new ModelStore(Path.Combine(folder, "models"));
            new ModelInstaller(store).InstallFromFolder(store.Manifest.Get(style), TestFiles.ModelsFolder);
            return store;
        }

        private static string RecordPath(string folder, ModelEntry entry) => Path.Combine(folder, Path.GetFileNameWithoutExtension(entry.FileName) + ".optimized.json");

        private static string RecordedHash(string folder, ModelEntry entry)
            => JsonDocument.Parse(File.ReadAllText(RecordPath(folder, entry))).RootElement.GetProperty("Sha256").GetString()!;

        private static string RecordedSource(string folder, ModelEntry entry)
            => JsonDocument.Parse(File.ReadAllText(RecordPath(folder, entry))).RootElement.GetProperty("SourceSha256").GetString()!;

        private static PixelImage Cropped(PixelImage photo, int multiple)
        {
            int width = photo.Width / multiple * multiple, height = photo.Height / multiple * multiple;
            var rgb = new byte[width * height * 3];
            for (var y = 0; y < height; y++)
                Buffer.BlockCopy(photo.Rgb, y * photo.Width * 3, rgb, y * width * 3, width * 3);
            return new PixelImage(width, height, rgb);
        }
    }
}
