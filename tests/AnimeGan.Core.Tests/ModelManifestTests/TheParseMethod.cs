namespace AnimeGan.Core.Tests.ModelManifestTests
{
    public class TheParseMethod
    {
        private const string Sha = "0000000000000000000000000000000000000000000000000000000000000000";

        private static string Manifest(string file = "a.onnx", string source = "null", string id = "a", string secondId = "b")
            => $$"""
               { "defaultStyle": "a", "models": [
                 { "id": "{{id}}", "displayName": "A", "family": "AnimeGANv3", "kind": "style", "file": "{{file}}", "bytes": 10,
                   "sha256": "{{Sha}}", "licence": "x", "source": {{source}}, "layout": "NHWC", "elementType": "float16" },
                 { "id": "{{secondId}}", "displayName": "B", "family": "AnimeGANv3", "kind": "style", "file": "b.onnx", "bytes": 10,
                   "sha256": "{{Sha}}", "licence": "x", "source": null, "layout": "NHWC", "elementType": "float16" } ] }
               """;

        [Fact]
        public void ShouldReadAValidManifest()
        {
            var manifest = ModelManifest.Parse(Manifest(), "test.json");
            Assert.Equal(2, manifest.Models.Count);
            Assert.Equal("a.onnx", manifest.Get("A").FileName);
        }

        [Theory]
        [InlineData("../outside.onnx")]
        [InlineData("/etc/passwd")]
        [InlineData("sub/dir.onnx")]
        [InlineData("..")]
        [InlineData("C:\\\\evil.onnx")]
        public void ShouldRefuseAFileNameThatLeavesTheModelsFolder(string file)
        {
            var ex = Assert.Throws<AnimeGanException>(() => ModelManifest.Parse(Manifest(file: file), "test.json"));
            Assert.Equal(AnimeGanErrorCode.ManifestInvalid, ex.Code);
            Assert.Contains("test.json", ex.Message);
        }

        [Fact]
        public void ShouldRefuseASourceThatIsNotHttps()
        {
            var ex = Assert.Throws<AnimeGanException>(() => ModelManifest.Parse(Manifest(source: "\"http://example.com/a.onnx\""), "test.json"));
            Assert.Contains("https", ex.Message);
        }

        [Fact]
        public void ShouldRefuseDuplicateIds()
        {
            var ex = Assert.Throws<AnimeGanException>(() => ModelManifest.Parse(Manifest(secondId: "a"), "test.json"));
            Assert.Contains("twice", ex.Message);
        }

        [Fact]
        public void ShouldRefuseText()
        {
            var ex = Assert.Throws<AnimeGanException>(() => ModelManifest.Parse("not json", "broken.json"));
            Assert.Equal(AnimeGanErrorCode.ManifestInvalid, ex.Code);
            Assert.Contains("broken.json", ex.Message);
        }

        [Fact]
        public void ShouldListKnownIdsWhenAskedForAnUnknownOne()
        {
            var ex = Assert.Throws<AnimeGanException>(() => ModelManifest.Default.Get("ghibli"));
            Assert.Equal(AnimeGanErrorCode.UnknownModel, ex.Code);
            Assert.Contains("hayao", ex.Message);
            Assert.Contains("shinkai", ex.Message);
        }
    }
}
