using AnimeGan.Core.Inference;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AnimeGan.Core.Tests.StyleModelTests
{
    public class TheContractProperty
    {
        [Theory]
        [InlineData("hayao", "AnimeGANv3_input:0", TensorElementType.Float16, 8)]
        [InlineData("shinkai", "AnimeGANv3_input:0", TensorElementType.Float16, 8)]
        [InlineData("jp-face", "AnimeGANv3_input:0", TensorElementType.Float16, 8)]
        [InlineData("sketch", "animeganv3_input:0", TensorElementType.Float16, 8)]
        [InlineData("cute", "AnimeGANv3_input:0", TensorElementType.Float, 16)]
        // AnimeGANv2 downsamples twice and resizes back to the skip tensors' shapes, so any multiple of 4 fits.
        [InlineData("hayao-v2", "input", TensorElementType.Float, 4)]
        public void ShouldBeReadFromTheOnnxFile(string id, string inputName, TensorElementType type, int multiple)
        {
            var entry = TestModels.Store.Manifest.Get(id);
            using var model = new StyleModel(entry, TestModels.Store.GetVerifiedPath(entry));
            Assert.Equal(inputName, model.Contract.InputName);
            Assert.Equal(TensorLayout.Nhwc, model.Contract.Layout);
            Assert.Equal(type, model.Contract.ElementType);
            Assert.Null(model.Contract.FixedHeight);
            Assert.Null(model.Contract.FixedWidth);
            Assert.Equal(multiple, model.SizeMultiple);
        }

        /// <summary>The engine runs each style's optimized graph: float32 whatever the shipped file's type, same names and layout.</summary>
        [Theory]
        [InlineData("hayao", "AnimeGANv3_input:0")]
        [InlineData("hayao-v2", "input")]
        public void ShouldBeFloat32InTheGraphTheEngineRuns(string id, string inputName)
        {
            var model = TestModels.Engine.LoadStyle(id);
            Assert.True(model.RunsOptimizedGraph, model.GraphNote);
            Assert.Equal(inputName, model.Contract.InputName);
            Assert.Equal(TensorLayout.Nhwc, model.Contract.Layout);
            Assert.Equal(TensorElementType.Float, model.Contract.ElementType);
        }

        [Theory]
        [InlineData("retinaface")]
        [InlineData("yunet")]
        public void ShouldRefuseAFaceDetectorLoadedAsAStyle(string id)
        {
            var entry = TestModels.Store.Manifest.Get(id);
            var path = TestModels.Store.GetVerifiedPath(entry);
            var styleEntry = new ModelEntry(id, id, "x", ModelKind.Style, entry.FileName, entry.SizeInBytes, entry.Sha256, "x", null, "NCHW", "float32", "");

            var ex = Assert.Throws<AnimeGanException>(() => new StyleModel(styleEntry, path));

            Assert.Equal(AnimeGanErrorCode.ModelContractUnsupported, ex.Code);
            Assert.Contains(path, ex.Message);
        }

        [Fact]
        public void ShouldRefuseAFaceDetectorIdAsAStyle()
        {
            var ex = Assert.Throws<AnimeGanException>(() => TestModels.Engine.LoadStyle("retinaface"));
            Assert.Equal(AnimeGanErrorCode.UnknownModel, ex.Code);
            Assert.StartsWith("'retinaface' is a face detector, not a style; choose one of: hayao", ex.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldRefuseAFileThatIsNotOnnx()
        {
            using var folder = new TemporaryDirectory();
            var path = TestImages.WriteBytes(folder.File("broken.onnx"), System.Text.Encoding.ASCII.GetBytes("this is not a model"));
            var entry = TestModels.Store.Manifest.Get("hayao");

            var ex = Assert.Throws<AnimeGanException>(() => new StyleModel(entry, path));

            Assert.Equal(AnimeGanErrorCode.ModelLoadFailed, ex.Code);
            Assert.StartsWith(path, ex.Message);
        }
    }
}
