using AnimeGan.Core.Onnx;

namespace AnimeGan.Core.Tests.OnnxTests
{
    /// <summary>Weights that were int8 once keep that grid; others get the usual max / 127.</summary>
    public class TheWeightGrid
    {
        [Fact]
        public void ShouldKeepTheStepOfWeightsThatWereInt8Before()
        {
            // An int8 channel with scale 0.0123 whose largest value is 90 steps, not 127: max / 127 would land between steps.
            var codes = new[] { -90, -41, -3, 0, 1, 7, 22, 64, 90, -17 };
            var values = codes.Select(c => (float)(c * 0.0123)).ToArray();
            var scale = WeightGrid.Scale(values, out var onGrid);
            Assert.True(onGrid);
            Assert.Equal(0.0123, scale, 6);
            Assert.All(values, v => Assert.Equal(Math.Round(v / scale), v / scale, 3));
        }

        [Fact]
        public void ShouldUseTheLargestValueForWeightsOnNoGrid()
        {
            var values = new[] { 0.31f, -0.0271f, 0.1999f, 0.05f, -0.4f, 0.0013f };
            var scale = WeightGrid.Scale(values, out var onGrid);
            Assert.False(onGrid);
            Assert.Equal(0.4 / 127, scale, 6);
        }

        [Fact]
        public void ShouldRefuseAGridWiderThanInt8()
        {
            // Multiples of 0.001 up to 0.3: 300 steps do not fit in int8.
            var values = new[] { 0.001f, 0.002f, 0.3f, -0.299f, 0.15f };
            WeightGrid.Scale(values, out var onGrid);
            Assert.False(onGrid);
        }
    }
}
