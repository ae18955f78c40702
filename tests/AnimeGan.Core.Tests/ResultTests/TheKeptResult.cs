namespace AnimeGan.Core.Tests.ResultTests
{
    public class TheKeptResult
    {
        [Theory]
        [InlineData(0.0, false)]
        [InlineData(0.4, false)]
        [InlineData(0.4, true)]
        [InlineData(1.0, true)]
        public void ShouldRenderWhatTheEngineGivesAtThatStrength(double strength, bool keepColors)
        {
            var photo = TestImages.Photo(TestFiles.Rickshaw, 200);
            var kept = TestModels.Engine.Stylize(photo, new StylizeOptions { Style = "shinkai", Faces = false }).Kept;

            var direct = TestModels.Engine.Stylize(photo, new StylizeOptions { Style = "shinkai", Faces = false, Strength = strength, KeepColors = keepColors }).Image;

            Assert.Equal(direct.Rgb, kept.Render(strength, keepColors).Rgb);
            var weight = ResultBlend.Weight(strength);
            var (r, g, b) = kept.Pixel(17, 23, weight, keepColors);
            var i = ((23 * photo.Width) + 17) * 3;
            Assert.Equal((direct.Rgb[i], direct.Rgb[i + 1], direct.Rgb[i + 2]), (r, g, b));
        }

        [Fact]
        public void ShouldWriteTheSameFileAfterASaveAndALoad()
        {
            using var folder = new TemporaryDirectory();
            var photo = ImageDecoder.Read(TestImages.WritePhoto(TestFiles.Square, folder.File("photo.jpg"), 160));
            var kept = TestModels.Engine.StylizePhoto(photo, new StylizeOptions { Style = "shinkai", Faces = false }, null, default).Kept;

            using var saved = new MemoryStream();
            kept.Save(saved);
            saved.Position = 0;
            var loaded = KeptResult.Load(saved, "saved");

            Assert.Equal(kept.Source.Rgb, loaded.Source.Rgb);
            Assert.Equal(kept.Styled, loaded.Styled);
            Assert.Equal(RasterFormat.Jpeg, loaded.DefaultFormat);
            using var before = new MemoryStream();
            using var after = new MemoryStream();
            kept.Write(before, 0.6, keepColors: true);
            loaded.Write(after, 0.6, keepColors: true);
            Assert.Equal(before.ToArray(), after.ToArray());
        }

        [Fact]
        public void ShouldRefuseASavedResultThatIsCutShort()
        {
            var photo = TestImages.Photo(TestFiles.Square, 64);
            var kept = TestModels.Engine.Stylize(photo, new StylizeOptions { Strength = 0 }).Kept;
            using var saved = new MemoryStream();
            kept.Save(saved);

            var ex = Assert.Throws<AnimeGanException>(() => KeptResult.Load(new MemoryStream(saved.ToArray()[..^10]), "cut.raw"));

            Assert.Equal(AnimeGanErrorCode.CorruptImage, ex.Code);
            Assert.Contains("cut.raw", ex.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldMakePreviewsFromThePixelsItHolds()
        {
            var photo = TestImages.Photo(TestFiles.Square, 300);
            var kept = TestModels.Engine.Stylize(photo, new StylizeOptions { Style = "shinkai", Faces = false }).Kept;

            using var before = TestImages.Load(new MemoryStream(kept.Preview(styled: false, 100, 90)));
            using var after = TestImages.Load(new MemoryStream(kept.Preview(styled: true, 100, 90)));

            Assert.Equal(100u, System.Math.Max(before.Width, before.Height));
            Assert.Equal(before.Width, after.Width);
            Assert.True(ImageMetrics.MeanAbsoluteDifference(TestImages.FromMagick(before).Rgb, TestImages.FromMagick(after).Rgb) > 5, "the styled preview should differ from the photo's");
        }
    }
}
