using System.Runtime.CompilerServices;
using AnimeGan.Core.Inference;
using AnimeGan.Core.Onnx;
using AnimeGan.Core.Onnx.Proto;
using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Tests.ExceptionsTests
{
    /// <summary>Library failures reach callers as AnimeGanExceptions with a code, never as ONNX Runtime's or Magick.NET's own.</summary>
    public class TheLibraryFailures
    {
        [Fact]
        public void ShouldReportACorruptModelFileAsModelLoadFailed()
        {
            using var folder = new TemporaryDirectory();
            var path = TestImages.WriteBytes(folder.File("broken.onnx"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 31)).ToArray());
            var entry = TestModels.Store.Manifest.Get("hayao");

            var ex = Assert.Throws<AnimeGanException>(() => new StyleModel(entry, path));

            Assert.Equal(AnimeGanErrorCode.ModelLoadFailed, ex.Code);
            Assert.Equal(path, ex.Path);
            Assert.StartsWith(path + ": ONNX Runtime cannot load the model", ex.Message);
            Assert.IsType<OnnxRuntimeException>(ex.InnerException);
        }

        [Fact]
        public void ShouldReportAMagickFailureWhileResamplingWithACode()
        {
            // The decoder caps ImageMagick's frame size; resampling past that cap makes Magick.NET itself fail.
            RuntimeHelpers.RunClassConstructor(typeof(ImageDecoder).TypeHandle);
            var rgb = new byte[4 * 4 * 3];

            var ex = Assert.Throws<AnimeGanException>(() => Resampler.Resize(rgb, 4, 4, ImageDecoder.MaxSide + 1000, 4));

            Assert.Equal(AnimeGanErrorCode.ImageTooLarge, ex.Code);
            Assert.StartsWith("Resampling 4x4 to", ex.Message);
            Assert.IsAssignableFrom<MagickException>(ex.InnerException);
        }

        [Fact]
        public void ShouldReportAFailureDuringCalibrationWithACode()
        {
            // A model whose graph ONNX Runtime refuses: calibration cannot open its probe session.
            var broken = new ModelProto { IrVersion = 7, Graph = new GraphProto { Name = "empty" } };
            broken.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 12 });
            broken.Graph.Node.Add(new NodeProto { OpType = "NoSuchOperator", Name = "n", Input = { "x" }, Output = { "y" } });

            var ex = Assert.Throws<AnimeGanException>(() => Calibrator.Calibrate(broken, new[] { TestImages.Photo(TestFiles.Square, 64) }));

            Assert.Equal(AnimeGanErrorCode.ModelLoadFailed, ex.Code);
            Assert.StartsWith("calibration model: ONNX Runtime cannot load the model", ex.Message);
        }
    }
}
