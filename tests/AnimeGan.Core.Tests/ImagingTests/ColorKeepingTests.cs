using System;
using AnimeGan.Core.Imaging;

namespace AnimeGan.Core.Tests.ImagingTests
{
    public class ColorKeepingTests
    {
        [Fact]
        public void ShouldGiveTheStyledLumaWithTheSourcesChroma()
        {
            // A grey source has no chroma, so whatever colour the style paints, the result stays grey at
            // the styled pixel's brightness (BT.601 weights: pure red 77, green 149, blue 29).
            var source = new byte[] { 100, 100, 100, 100, 100, 100, 100, 100, 100 };
            var styled = new byte[] { 255, 0, 0, 0, 255, 0, 0, 0, 255 };

            var kept = ColorKeeping.Apply(source, styled);

            Assert.Equal(new byte[] { 77, 77, 77, 149, 149, 149, 29, 29, 29 }, kept);
        }

        [Fact]
        public void ShouldKeepAColourWhoseBrightnessTheStyleKeeps()
        {
            var source = new byte[] { 200, 40, 90 };
            var styled = new byte[] { 70, 105, 100 };

            Assert.Equal(source, ColorKeeping.Apply(source, styled));
        }

        [Fact]
        public void ShouldClampAtTheEndsOfTheRange()
        {
            var source = new byte[] { 250, 10, 10 };
            var styled = new byte[] { 255, 255, 255 };

            Assert.Equal(new byte[] { 255, 183, 183 }, ColorKeeping.Apply(source, styled));
        }

        [Fact]
        public void ShouldRefusePicturesOfDifferentSizes()
            => Assert.Throws<ArgumentException>(() => ColorKeeping.Apply(new byte[6], new byte[3]));
    }
}
