namespace AnimeGan.Core.Tests.WorkingSizeTests
{
    public class TheChooseMethod
    {
        [Theory]
        [InlineData(1280, 853, 1024, 8, 1024, 680)]
        [InlineData(853, 1280, 1024, 8, 680, 1024)]
        [InlineData(6000, 4000, 1024, 16, 1024, 688)]
        [InlineData(500, 300, 1024, 8, 504, 304)]
        [InlineData(1, 1, 1024, 8, 32, 32)]
        [InlineData(7, 3, 1024, 16, 64, 64)]
        [InlineData(10000, 40, 1024, 8, 1024, 32)]
        public void ShouldCapTheLongSideAndRoundToTheMultiple(int width, int height, int max, int multiple, int expectedWidth, int expectedHeight)
        {
            Assert.Equal((expectedWidth, expectedHeight), WorkingSize.Choose(width, height, max, multiple));
        }
    }
}
