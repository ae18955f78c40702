namespace AnimeGan.Core.Tests.ModelManifestTests
{
    public class TheDefaultProperty
    {
        [Fact]
        public void ShouldDescribeEveryModelInTheSharedFolderWithItsTrueSizeAndHash()
        {
            var manifest = ModelManifest.Default;
            var files = Directory.EnumerateFiles(TestFiles.ModelsFolder, "*.onnx").Select(Path.GetFileName).ToHashSet();

            Assert.Equal(files.OrderBy(f => f), manifest.Models.Select(m => m.FileName).OrderBy(f => f));
            var store = new ModelStore(TestFiles.ModelsFolder);
            foreach (var model in manifest.Models)
                Assert.Equal(ModelFileState.Valid, store.Verify(model));
        }

        [Fact]
        public void ShouldNameTheIdsUsersType()
        {
            var ids = ModelManifest.Default.Models.Select(m => m.Id).ToList();
            Assert.Equal(new[] { "hayao", "shinkai", "hayao-v2", "jp-face", "sketch", "cute", "retinaface", "yunet" }, ids);
            Assert.Equal("hayao", ModelManifest.Default.DefaultStyleId);
            Assert.Equal(6, ModelManifest.Default.Styles.Count());
        }

        [Fact]
        public void ShouldGiveAnHttpsSourceToEveryModelExceptTheLocalOnlyOne()
        {
            foreach (var model in ModelManifest.Default.Models)
            {
                if (model.Id == "hayao-v2")
                    Assert.Null(model.Source);
                else
                    Assert.Equal("https", model.Source!.Scheme);
            }
        }
    }
}
