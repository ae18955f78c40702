using AnimeGan.Core.Onnx;

namespace AnimeGan.Core.Tests.OnnxTests
{
    /// <summary>Optimized variants on real models: they register, load through every path, and stay close to float32.</summary>
    public class TheModelOptimizer : IClassFixture<TheModelOptimizer.Variants>
    {
        private readonly Variants _variants;

        public TheModelOptimizer(Variants variants) => _variants = variants;

        [Fact]
        public void ShouldRegisterVariantsThatTheStoreVerifiesAndTheEngineRuns()
        {
            var store = new ModelStore(_variants.Folder);
            foreach (var id in new[] { "hayao@fp32", "hayao@int8", "cute@int8" })
            {
                var entry = store.Manifest.Get(id);
                Assert.Equal(ModelFileState.Valid, store.Verify(entry));
            }

            using var engine = new AnimeGanEngine(store);
            Assert.Equal(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, engine.LoadStyle("hayao@fp32").Contract.ElementType);
            var result = engine.Stylize(TestImages.Photo(TestFiles.Square, 128), new StylizeOptions { Style = "hayao@int8", Faces = false });
            Assert.Equal("hayao@int8", result.Style);
        }

        [Fact]
        public void ShouldKeepFloat32ConversionWithinOneLevelOfTheFloat16Model()
        {
            using var engine = new AnimeGanEngine(new ModelStore(_variants.Folder));
            var photo = TestImages.Photo(TestFiles.Rickshaw, 256);
            var options = new StylizeOptions { Faces = false, Upsampling = UpsamplingMode.Lanczos };
            var half = engine.Stylize(photo, options with { Style = "hayao" }).Image.Rgb;
            var full = engine.Stylize(photo, options with { Style = "hayao@fp32" }).Image.Rgb;
            Assert.True(half.Zip(full, (a, b) => Math.Abs(a - b)).Max() <= 2);
        }

        /// <summary>
        /// The INT8 variants must stay near the float32 model on photos they were not calibrated on (real scenes;
        /// hayao was calibrated on portraits, cute with no flag on the built-in drawn scenes): PSNR 30 dB and SSIM
        /// 0.95, the quality target for the optimizer (docs/optimizer.md has the measured values).
        /// </summary>
        [Theory]
        [InlineData("hayao", "hayao@fp32")]
        [InlineData("cute", "cute")]
        public void ShouldKeepInt8OutputCloseToTheFloat32Model(string style, string reference)
        {
            using var engine = new AnimeGanEngine(new ModelStore(_variants.Folder));
            var options = new StylizeOptions { Faces = false, MaxSize = 384, Upsampling = UpsamplingMode.Lanczos };
            foreach (var path in Directory.GetFiles(TestFiles.Scenes, "*.jpg").Take(3))
            {
                var photo = TestImages.Photo(path, 384);
                var a = engine.Stylize(photo, options with { Style = reference }).Image;
                var b = engine.Stylize(photo, options with { Style = style + "@int8" }).Image;
                var psnr = ImageMetrics.Psnr(a.Rgb, b.Rgb);
                var ssim = ImageMetrics.Ssim(a, b);
                Assert.True(psnr >= _variants.MinimumPsnr, $"{style}@int8 on {Path.GetFileName(path)}: PSNR {psnr:0.0} dB");
                Assert.True(ssim >= _variants.MinimumSsim, $"{style}@int8 on {Path.GetFileName(path)}: SSIM {ssim:0.000}");
            }
        }

        [Fact]
        public void ShouldRefuseToOptimizeAVariantOrAFaceDetector()
        {
            var optimizer = new ModelOptimizer(new ModelStore(_variants.Folder));
            Assert.Equal(AnimeGanErrorCode.InvalidOption, Assert.Throws<AnimeGanException>(() => optimizer.Optimize("hayao@int8", OptimizationKind.Int8)).Code);
            Assert.Equal(AnimeGanErrorCode.InvalidOption, Assert.Throws<AnimeGanException>(() => optimizer.Optimize("retinaface", OptimizationKind.Int8)).Code);
            Assert.Equal(AnimeGanErrorCode.InvalidOption, Assert.Throws<AnimeGanException>(() => optimizer.Optimize("cute", OptimizationKind.Float32)).Code);
        }

        /// <summary>Makes the variants once for the class, in a store of its own.</summary>
        public sealed class Variants : IDisposable
        {
            private readonly TemporaryDirectory _folder = new TemporaryDirectory();

            public Variants()
            {
                var store = new ModelStore(_folder.Path);
                TestModels.InstallEverything(store);
                var calibration = Directory.GetFiles(TestFiles.Portraits, "*.jpg").Select(p => TestImages.Photo(p, 384)).ToList();
                var optimizer = new ModelOptimizer(store);
                optimizer.Optimize("hayao", OptimizationKind.Float32);
                optimizer.Optimize("hayao", OptimizationKind.Int8, calibration);
                optimizer.Optimize("cute", OptimizationKind.Int8);
            }

            public string Folder => _folder.Path;

            public double MinimumPsnr => 30;

            public double MinimumSsim => 0.95;

            public void Dispose() => _folder.Dispose();
        }
    }
}
