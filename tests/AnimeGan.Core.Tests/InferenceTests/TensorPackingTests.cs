using System;
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
        [InlineData(nameof(TensorLayout.Nhwc))]
        [InlineData(nameof(TensorLayout.Nchw))]
        public void ShouldRoundTripEveryByteThroughFloat32(string layoutName)
        {
            var layout = Enum.Parse<TensorLayout>(layoutName);
            var rgb = EveryByteValue(37, 11);

            var tensor = TensorPacking.Pack(rgb, 37, 11, layout);

            Assert.Equal(rgb, TensorPacking.Unpack(tensor, 37, 11, layout));
        }

        [Theory]
        [InlineData(nameof(TensorLayout.Nhwc))]
        [InlineData(nameof(TensorLayout.Nchw))]
        public void ShouldRoundTripEveryByteThroughFloat16(string layoutName)
        {
            var layout = Enum.Parse<TensorLayout>(layoutName);
            var rgb = EveryByteValue(37, 11);

            var tensor = TensorPacking.PackHalf(rgb, 37, 11, layout);

            Assert.Equal(rgb, TensorPacking.UnpackHalf(tensor, 37, 11, layout));
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
