namespace AnimeGan.Core.Tests.ModelStoreTests
{
    public class TheResolveFolderMethod
    {
        [Fact]
        public void ShouldPreferTheExplicitFolderOverTheEnvironment()
        {
            var explicitFolder = Path.Combine(Path.GetTempPath(), "explicit-models");
            Assert.Equal(explicitFolder, ModelStore.ResolveFolder(explicitFolder));
        }

        [Fact]
        public void ShouldFallBackToAPerUserFolderOrTheEnvironment()
        {
            var resolved = ModelStore.ResolveFolder(null);
            var fromEnvironment = Environment.GetEnvironmentVariable(ModelStore.FolderVariable);
            if (string.IsNullOrEmpty(fromEnvironment))
                Assert.EndsWith(Path.Combine("AnimeGan", "models"), resolved);
            else
                Assert.Equal(Path.GetFullPath(fromEnvironment), resolved);
        }
    }
}
