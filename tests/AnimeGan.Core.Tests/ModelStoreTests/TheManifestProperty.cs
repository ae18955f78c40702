using AnimeGan.Core.Onnx;

namespace AnimeGan.Core.Tests.ModelStoreTests
{
    public class TheManifestProperty
    {
        [Fact]
        public void ShouldListAVariantMadeAfterTheStoreWasCreated()
        {
            using var folder = new TemporaryDirectory();
            var store = new ModelStore(folder.Path);
            new ModelInstaller(store).InstallFromFolder(store.Manifest.Get("jp-face"), TestFiles.ModelsFolder);
            using var engine = new AnimeGanEngine(store);
            engine.LoadStyle("jp-face");
            Assert.Null(store.Manifest.Find("jp-face@fp32"));

            // Made through another store over the same folder, as another command or process would.
            new ModelOptimizer(new ModelStore(folder.Path)).Optimize("jp-face", OptimizationKind.Float32);

            Assert.NotNull(store.Manifest.Find("jp-face@fp32"));
            Assert.Equal("jp-face@fp32", engine.LoadStyle("jp-face@fp32").Entry.Id);
        }

        [Fact]
        public void ShouldForgetVariantsWhenTheirListIsRemoved()
        {
            using var folder = new TemporaryDirectory();
            var store = new ModelStore(folder.Path);
            new ModelInstaller(store).InstallFromFolder(store.Manifest.Get("jp-face"), TestFiles.ModelsFolder);
            new ModelOptimizer(store).Optimize("jp-face", OptimizationKind.Float32);
            Assert.NotNull(store.Manifest.Find("jp-face@fp32"));

            File.Delete(Path.Combine(folder.Path, ModelOptimizer.VariantsFile));

            Assert.Null(store.Manifest.Find("jp-face@fp32"));
        }
    }
}
