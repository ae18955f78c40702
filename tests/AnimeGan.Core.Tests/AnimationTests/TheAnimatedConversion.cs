using AnimeGan.Core.Animation;
using ImageMagick.Drawing;

namespace AnimeGan.Core.Tests.AnimationTests
{
    public class TheAnimatedConversion
    {
        private const int Frames = 6;

        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public TheAnimatedConversion(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

        /// <summary>A still scene with a red square moving across it, one frame a step.</summary>
        private static MagickImageCollection MovingSquare(int width = 128, int height = 96)
        {
            using var scene = new MagickImage(TestFiles.Square);
            scene.Resize(new MagickGeometry((uint)width, (uint)height) { IgnoreAspectRatio = true });
            var frames = new MagickImageCollection();
            for (var i = 0; i < Frames; i++)
            {
                var frame = (MagickImage)scene.Clone();
                frame.Draw(new Drawables().FillColor(MagickColors.Red).Rectangle(8 + (i * 16), 30, 8 + (i * 16) + 20, 50));
                frame.AnimationDelay = (uint)(10 + (i * 5));
                frame.AnimationIterations = 3;
                frame.GifDisposeMethod = GifDisposeMethod.Background;
                frames.Add(frame);
            }

            return frames;
        }

        [Theory]
        [InlineData("gif", MagickFormat.Gif)]
        [InlineData("webp", MagickFormat.WebP)]
        public void ShouldStylizeEveryFrameAndKeepDelaysLoopAndDisposal(string extension, MagickFormat format)
        {
            using var folder = new TemporaryDirectory();
            var input = folder.File("clip." + extension);
            using (var frames = MovingSquare())
                frames.Write(input, format);

            var result = TestModels.Engine.Convert(input, folder.File("clip_anime." + extension), new StylizeOptions { MaxSize = 64 });

            using var written = new MagickImageCollection(result.OutputPath);
            using var original = new MagickImageCollection(input);
            Assert.Equal(Frames, written.Count);
            Assert.Equal(original.Select(f => f.AnimationDelay), written.Select(f => f.AnimationDelay));
            Assert.Equal(3u, written[0].AnimationIterations);
            if (format == MagickFormat.Gif)
                Assert.All(written, f => Assert.Equal(GifDisposeMethod.Background, f.GifDisposeMethod));
            Assert.Equal((128, 96), (result.Width, result.Height));
            original.Coalesce();
            written.Coalesce();
            var changed = original.Zip(written, (a, b) => a.Compare(b, ErrorMetric.RootMeanSquared)).ToList();
            Assert.All(changed, difference => Assert.True(difference > 0.02, $"a frame came out unstylized (RMSE {difference:0.000})"));
        }

        [Fact]
        public void ShouldWriteTheFirstFrameOnlyToAStillFormat()
        {
            using var folder = new TemporaryDirectory();
            var input = folder.File("clip.gif");
            using (var frames = MovingSquare())
                frames.Write(input, MagickFormat.Gif);

            var result = TestModels.Engine.Convert(input, folder.File("still.png"), new StylizeOptions { MaxSize = 64, Faces = false });

            using var written = new MagickImageCollection(result.OutputPath);
            Assert.Single(written);
        }

        /// <summary>
        /// Flicker: the mean change between consecutive output frames on pixels whose input did not change,
        /// over the same for the input. Frame-by-frame stylization shimmers there; smoothing must cut it, while
        /// the moving square's own pixels (where the input changed) stay what the frame's stylization made them.
        /// </summary>
        [Fact]
        public void ShouldCutFlickerInStillAreasWithoutSmearingTheMovingSquare()
        {
            using var frames = MovingSquare(160, 120);
            var inputs = frames.Select(f => TestImages.FromMagick((MagickImage)f)).ToList();
            var options = new StylizeOptions { MaxSize = 160, Faces = false, Style = "shinkai" };
            var styled = inputs.Select(p => TestModels.Engine.Stylize(p, options).Image.Rgb).ToList();
            var smoothing = new TemporalSmoothing();
            var smoothed = inputs.Zip(styled, (input, s) => smoothing.Apply(input.Rgb, s)).ToList();

            double plainFlicker = 0, smoothFlicker = 0, movingDrift = 0;
            int still = 0, moving = 0;
            for (var t = 1; t < inputs.Count; t++)
            {
                for (var i = 0; i < inputs[t].Rgb.Length; i++)
                {
                    var inputChange = Math.Abs(inputs[t].Rgb[i] - inputs[t - 1].Rgb[i]);
                    if (inputChange == 0)
                    {
                        plainFlicker += Math.Abs(styled[t][i] - styled[t - 1][i]);
                        smoothFlicker += Math.Abs(smoothed[t][i] - smoothed[t - 1][i]);
                        still++;
                    }
                    else if (inputChange >= TemporalSmoothing.MovingFrom)
                    {
                        movingDrift += Math.Abs(smoothed[t][i] - styled[t][i]);
                        moving++;
                    }
                }
            }

            plainFlicker /= still;
            smoothFlicker /= still;
            _output.WriteLine($"still-area flicker: {plainFlicker:0.00} frame by frame, {smoothFlicker:0.00} smoothed; moving pixels: {moving}, drift {movingDrift / Math.Max(1, moving):0.000}");
            Assert.True(plainFlicker > 0.5, $"frame-by-frame output did not shimmer ({plainFlicker:0.00}): nothing to measure");
            Assert.True(smoothFlicker < plainFlicker * 0.5, $"still-area flicker {smoothFlicker:0.00} against {plainFlicker:0.00} frame by frame");

            // Where the input moved, the output is the frame's own stylization: no trail of the previous frame.
            Assert.True(moving > 0);
            Assert.Equal(0, movingDrift / moving, 3);
        }
    }
}
