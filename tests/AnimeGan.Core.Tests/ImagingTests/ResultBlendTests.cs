namespace AnimeGan.Core.Tests.ImagingTests
{
    public class ResultBlendTests
    {
        [Fact]
        public void ShouldReturnExactEndPointsAndRoundInBetween()
        {
            var source = new byte[] { 0, 10, 255, 100, 7, 7 };
            var styled = new byte[] { 255, 20, 0, 100, 9, 7 };
            Assert.Equal(source, ResultBlend.Apply(source, styled, 0, keepColors: false));
            Assert.Same(styled, ResultBlend.Apply(source, styled, 1, keepColors: false));
            Assert.Equal(new byte[] { 128, 15, 128, 100, 8, 7 }, ResultBlend.Apply(source, styled, 0.5, keepColors: false));
        }

        [Fact]
        public void ShouldGiveTheStyledLumaWithTheSourcesChroma()
        {
            // A grey source has no chroma, so whatever colour the style paints, the result stays grey at
            // the styled pixel's brightness (BT.601 weights: pure red 77, green 149, blue 29).
            var source = new byte[] { 100, 100, 100, 100, 100, 100, 100, 100, 100 };
            var styled = new byte[] { 255, 0, 0, 0, 255, 0, 0, 0, 255 };

            Assert.Equal(new byte[] { 77, 77, 77, 149, 149, 149, 29, 29, 29 }, ResultBlend.Apply(source, styled, 1, keepColors: true));
        }

        [Fact]
        public void ShouldKeepAColourWhoseBrightnessTheStyleKeeps()
        {
            var source = new byte[] { 200, 40, 90 };
            var styled = new byte[] { 70, 105, 100 };

            Assert.Equal(source, ResultBlend.Apply(source, styled, 1, keepColors: true));
        }

        [Fact]
        public void ShouldClampKeptColoursBeforeMixingByStrength()
        {
            // Kept colours push red to 237 + 51: it is clamped to 255 first, and strength then mixes 237 with
            // 255, not with 288. A blend that clamps only at the end gives 255 here, 9 levels too bright.
            var source = new byte[] { 237, 120, 100 };
            var styled = new byte[] { 216, 200, 190 };

            Assert.Equal(new byte[] { 255, 171, 151 }, ResultBlend.Apply(source, styled, 1, keepColors: true));
            Assert.Equal(new byte[] { 246, 146, 126 }, ResultBlend.Apply(source, styled, 0.5, keepColors: true));
        }

        [Fact]
        public void ShouldGiveEachPixelWhatTheWholePictureGives()
        {
            var random = new Random(7);
            var source = new byte[3 * 5000];
            var styled = new byte[source.Length];
            random.NextBytes(source);
            random.NextBytes(styled);
            foreach (var strength in new[] { 0.0, 0.25, 0.5, 0.73, 1.0 })
            {
                foreach (var keepColors in new[] { false, true })
                {
                    var whole = ResultBlend.Apply(source, styled, strength, keepColors);
                    var weight = ResultBlend.Weight(strength);
                    for (var i = 0; i < source.Length; i += 3)
                        Assert.Equal((whole[i], whole[i + 1], whole[i + 2]), ResultBlend.Pixel(source[i], source[i + 1], source[i + 2], styled[i], styled[i + 1], styled[i + 2], weight, keepColors));
                }
            }
        }

        [Fact]
        public void ShouldRefusePicturesOfDifferentSizes()
            => Assert.Throws<ArgumentException>(() => ResultBlend.Apply(new byte[6], new byte[3], 1, keepColors: true));
    }
}
