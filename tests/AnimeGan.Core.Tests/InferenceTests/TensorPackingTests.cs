using AnimeGan.Core.Inference;
using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Tests.InferenceTests
{
    public class TensorPackingTests
    {
        private static byte[] EveryByteValue(int width, int height)
        {
            var rgb = new byte[width * height * 3];
            for (var i = 0; i < rgb.Length; i++)
                rgb[i] = (byte)((i * 7) % 256);
            return rgb;
        }

        [Theory]
        [InlineData(nameof(TensorLayout.Nhwc), false)]
        [InlineData(nameof(TensorLayout.Nchw), false)]
        [InlineData(nameof(TensorLayout.Nhwc), true)]
        [InlineData(nameof(TensorLayout.Nchw), true)]
        public void ShouldRoundTripEveryByteThroughFloat32AndFloat16(string layoutName, bool half)
        {
            var layout = Enum.Parse<TensorLayout>(layoutName);
            var rgb = EveryByteValue(37, 11);

            var back = half
                ? TensorPacking.UnpackHalf(TensorPacking.PackHalf(rgb, 37, 11, layout), 37, 11, layout)
                : TensorPacking.Unpack(TensorPacking.Pack(rgb, 37, 11, layout), 37, 11, layout);

            Assert.Equal(rgb, back);
        }

        [Fact]
        public void ShouldPlaceChannelsByLayout()
        {
            var rgb = new byte[] { 255, 0, 0, 0, 255, 0 };

            var nchw = TensorPacking.Pack(rgb, 2, 1, TensorLayout.Nchw);

            Assert.Equal(new[] { 1f, -1f, -1f, 1f, -1f, -1f }, nchw);
        }

        [Fact]
        public void ShouldClampOutOfRangeAndNotANumberOutputs()
        {
            var halves = new[] { (Float16)3f, (Float16)(-3f), Float16.NaN, Float16.PositiveInfinity, Float16.NegativeInfinity, (Float16)0f };
            var singles = new[] { 3f, -3f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f };
            var expected = new byte[] { 255, 0, 0, 255, 0, 128 };

            Assert.Equal(expected, TensorPacking.UnpackHalf(halves, 2, 1, TensorLayout.Nhwc));
            Assert.Equal(expected, TensorPacking.Unpack(singles, 2, 1, TensorLayout.Nhwc));
        }
    }
}
