using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Tests.AnimeGanEngineTests
{
    public class TheStylizeMethod
    {
        public static TheoryData<string> Styles => new TheoryData<string>(TestModels.Store.Manifest.Styles.Select(s => s.Id));

        [Theory]
        [MemberData(nameof(Styles))]
        public void ShouldChangeThePictureButKeepItsStructureAndSize(string style)
        {
            var photo = TestImages.Photo(TestFiles.Rickshaw, 320);

            // Run at (nearly) the photo's own size with plain resampling, so the numbers judge the
            // model's output and not the guided upsampler, which borrows edges from the photo.
            var result = TestModels.Engine.Stylize(photo, new StylizeOptions { Style = style, MaxSize = 320, Upsampling = UpsamplingMode.Lanczos });

            Assert.Equal(photo.Width, result.Image.Width);
            Assert.Equal(photo.Height, result.Image.Height);
            Assert.Equal(style, result.Style);

            // Stylization repaints: on average every channel moves by several levels (measured 14 to 70).
            var change = ImageMetrics.MeanAbsoluteDifference(photo.Rgb, result.Image.Rgb);
            Assert.True(change > 8, $"{style}: mean change {change:0.0} levels is too small for a style");

            // ...yet the picture stays where it was. Measured on this photo: the six styles keep a luminance
            // correlation of 0.65 (sketch) to 0.97 and an edge correlation of 0.39 (sketch) to 0.89, while
            // an unrelated photo scores -0.12 / -0.01 and the same photo shifted by 20 px 0.37 / 0.14. The
            // bounds sit between the two groups, so a transposed, shifted or channel-scrambled tensor fails.
            var luminance = ImageMetrics.LuminanceCorrelation(photo, result.Image);
            var edges = ImageMetrics.EdgeCorrelation(photo, result.Image);
            Assert.True(luminance > 0.55, $"{style}: luminance correlation {luminance:0.00} means the picture was lost");
            Assert.True(edges > 0.3, $"{style}: edge correlation {edges:0.00} means the structure was lost");
        }

        [Fact]
        public void ShouldReturnTheOriginalPixelsAtStrengthZero()
        {
            var photo = TestImages.Photo(TestFiles.Square, 200);
            var result = TestModels.Engine.Stylize(photo, new StylizeOptions { Strength = 0 });
            Assert.Equal(photo.Rgb, result.Image.Rgb);
        }

        [Fact]
        public void ShouldBlendBetweenOriginalAndFullStyleAtHalfStrength()
        {
            var photo = TestImages.Photo(TestFiles.Square, 200);
            var full = TestModels.Engine.Stylize(photo, new StylizeOptions { Strength = 1 }).Image.Rgb;
            var half = TestModels.Engine.Stylize(photo, new StylizeOptions { Strength = 0.5 }).Image.Rgb;

            for (var i = 0; i < half.Length; i++)
            {
                var expected = (photo.Rgb[i] + full[i]) / 2.0;
                Assert.True(Math.Abs(half[i] - expected) <= 1, $"byte {i}: {half[i]} is not halfway between {photo.Rgb[i]} and {full[i]}");
            }
        }

        [Fact]
        public void ShouldGiveIdenticalOutputForIdenticalInput()
        {
            var photo = TestImages.Photo(TestFiles.Rickshaw, 300);
            var first = TestModels.Engine.Stylize(photo, new StylizeOptions { MaxSize = 160 }).Image.Rgb;
            var second = TestModels.Engine.Stylize(photo, new StylizeOptions { MaxSize = 160 }).Image.Rgb;
            Assert.Equal(first, second);
        }

        [Fact]
        public void ShouldKeepTheSourceAlpha()
        {
            var photo = TestImages.Photo(TestFiles.Square, 128);
            var alpha = new byte[photo.Width * photo.Height];
            for (var i = 0; i < alpha.Length; i++)
                alpha[i] = (byte)(i % 256);
            var withAlpha = new PixelImage(photo.Width, photo.Height, photo.Rgb, alpha);

            var result = TestModels.Engine.Stylize(withAlpha);

            Assert.Equal(alpha, result.Image.Alpha);
        }

        [Fact]
        public void ShouldUpsampleToFullSizeSharperThanPlainResampling()
        {
            var photo = TestImages.Photo(TestFiles.Rickshaw, 1024);
            var guided = TestModels.Engine.Stylize(photo, new StylizeOptions { MaxSize = 256, Upsampling = UpsamplingMode.Guided }).Image;
            var plain = TestModels.Engine.Stylize(photo, new StylizeOptions { MaxSize = 256, Upsampling = UpsamplingMode.Lanczos }).Image;

            Assert.Equal(photo.Width, guided.Width);
            var guidedEdges = ImageMetrics.EdgeCorrelation(photo, guided);
            var plainEdges = ImageMetrics.EdgeCorrelation(photo, plain);
            Assert.True(guidedEdges > plainEdges + 0.1, $"guided {guidedEdges:0.00} vs lanczos {plainEdges:0.00}");
        }

        [Theory]
        [InlineData(1, 1)]
        [InlineData(7, 3)]
        [InlineData(1000, 4)]
        public void ShouldHandlePicturesSmallerThanTheModelsStride(int width, int height)
        {
            var rgb = new byte[width * height * 3];
            new Random(width).NextBytes(rgb);
            var result = TestModels.Engine.Stylize(new PixelImage(width, height, rgb), new StylizeOptions { Style = "cute" });
            Assert.Equal(width, result.Image.Width);
            Assert.Equal(height, result.Image.Height);
        }

        [Fact]
        public void ShouldStopWhenCancelled()
        {
            var photo = TestImages.Photo(TestFiles.Rickshaw, 400);
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => TestModels.Engine.Stylize(photo, null, cancellation.Token));
        }

        [Fact]
        public void ShouldStopAModelRunInProgressWhenCancelled()
        {
            // Cancelled as the run starts, with the terminate flag already tied to the token: ONNX Runtime
            // must end the run as a cancellation that carries the run's own error (proof that the run itself
            // was stopped), not as an inference failure and not after finishing.
            var photo = TestImages.Photo(TestFiles.Rickshaw, 1536);
            _ = TestModels.Engine.LoadStyle().SizeMultiple;
            using var cancellation = new CancelAtModelRun();

            var ex = Assert.ThrowsAny<OperationCanceledException>(() => TestModels.Engine.Stylize(photo, new StylizeOptions { MaxSize = 1536, Faces = false }, cancellation.Token));

            Assert.True(cancellation.Reached);
            Assert.IsType<OnnxRuntimeException>(ex.InnerException);
        }

        [Fact]
        public void ShouldKeepThePhotosColoursWhenAsked()
        {
            var photo = TestImages.Photo(TestFiles.Rickshaw, 320);
            var styled = TestModels.Engine.Stylize(photo, new StylizeOptions { Style = "shinkai", Faces = false }).Image;

            var kept = TestModels.Engine.Stylize(photo, new StylizeOptions { Style = "shinkai", Faces = false, KeepColors = true }).Image;

            Assert.Equal(ResultBlend.Apply(photo.Rgb, styled.Rgb, 1, keepColors: true), kept.Rgb);
            var styledShift = ChromaMetrics.MeanDifference(photo.Rgb, styled.Rgb);
            var keptShift = ChromaMetrics.MeanDifference(photo.Rgb, kept.Rgb);
            Assert.True(keptShift < styledShift / 3, $"chroma moved {keptShift:0.0} with kept colours, {styledShift:0.0} without");
            Assert.True(ImageMetrics.EdgeCorrelation(styled, kept) > 0.9);
        }

        [Fact]
        public void ShouldRejectAStrengthOutOfRange()
        {
            var photo = TestImages.Photo(TestFiles.Square, 64);
            var ex = Assert.Throws<AnimeGanException>(() => TestModels.Engine.Stylize(photo, new StylizeOptions { Strength = 1.5 }));
            Assert.Equal(AnimeGanErrorCode.InvalidOption, ex.Code);
        }
    }
}
