using AnimeGan.Core.Imaging;

namespace AnimeGan.Core.Tests.ImagingTests
{
    public class StrengthBlendTests
    {
        [Fact]
        public void ShouldReturnExactEndPointsAndRoundInBetween()
        {
            var source = new byte[] { 0, 10, 255, 100 };
            var styled = new byte[] { 255, 20, 0, 100 };
            Assert.Equal(source, StrengthBlend.Mix(source, styled, 0));
            Assert.Equal(styled, StrengthBlend.Mix(source, styled, 1));
            Assert.Equal(new byte[] { 128, 15, 128, 100 }, StrengthBlend.Mix(source, styled, 0.5));
        }
    }
}
