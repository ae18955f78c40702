using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Inference
{
    /// <summary>
    /// Converts between 8-bit RGB and the generators' [-1, 1] tensors (x / 127.5 - 1 in, (y + 1) * 127.5
    /// out, as every AnimeGAN graph ends in tanh). Rows are processed in parallel: this runs on every
    /// pixel of every picture.
    /// </summary>
    internal static class TensorPacking
    {
        private const float Scale = 1f / 127.5f;

        // A float16 output has only 65536 possible values: its pixel byte is looked up, not computed.
        private static readonly byte[] HalfToByte = CreateHalfToByte();

        public static float[] Pack(byte[] rgb, int width, int height, TensorLayout layout)
            => PackThrough(rgb, width, height, layout, ByteTable(v => (v * Scale) - 1f));

        public static Float16[] PackHalf(byte[] rgb, int width, int height, TensorLayout layout)
            => PackThrough(rgb, width, height, layout, ByteTable(v => (Float16)((v * Scale) - 1f)));

        // Only 256 distinct inputs: each byte value is converted once, and the pixels are looked up.
        private static T[] ByteTable<T>(Func<int, T> convert)
        {
            var table = new T[256];
            for (var v = 0; v < 256; v++)
                table[v] = convert(v);
            return table;
        }

        private static T[] PackThrough<T>(byte[] rgb, int width, int height, TensorLayout layout, T[] table)
        {
            var tensor = new T[rgb.Length];
            var plane = width * height;
            Parallel.For(0, height, y =>
            {
                for (var p = y * width; p < (y + 1) * width; p++)
                    for (var c = 0; c < 3; c++)
                        tensor[Index(p, c, plane, layout)] = table[rgb[(p * 3) + c]];
            });
            return tensor;
        }

        public static unsafe byte[] Unpack(ReadOnlySpan<float> tensor, int width, int height, TensorLayout layout)
        {
            fixed (float* values = tensor)
                return UnpackRows(new SingleValues(values), width, height, layout);
        }

        public static unsafe byte[] UnpackHalf(ReadOnlySpan<Float16> tensor, int width, int height, TensorLayout layout)
        {
            fixed (Float16* values = tensor)
                return UnpackRows(new HalfValues(values), width, height, layout);
        }

        // The tensor is ONNX Runtime's output buffer, pinned while the caller's fixed block runs; a span
        // cannot enter the row lambdas, so rows read it through a struct holding its address (a struct type
        // argument lets the JIT inline each element read).
        private static byte[] UnpackRows<TValues>(TValues values, int width, int height, TensorLayout layout)
            where TValues : struct, ITensorValues
        {
            var rgb = new byte[width * height * 3];
            var plane = width * height;
            Parallel.For(0, height, y =>
            {
                for (var p = y * width; p < (y + 1) * width; p++)
                    for (var c = 0; c < 3; c++)
                        rgb[(p * 3) + c] = values.ByteAt(Index(p, c, plane, layout));
            });
            return rgb;
        }

        private static byte[] CreateHalfToByte()
        {
            var table = new byte[ushort.MaxValue + 1];
            for (var bits = 0; bits <= ushort.MaxValue; bits++)
                table[bits] = ToByte((float)new Float16((ushort)bits));
            return table;
        }

        private static int Index(int pixel, int channel, int plane, TensorLayout layout)
            => layout == TensorLayout.Nhwc ? (pixel * 3) + channel : (channel * plane) + pixel;

        private static byte ToByte(float value)
        {
            var v = (value + 1f) * 127.5f;
            if (!(v > 0f))
                return 0;
            if (v >= 255f)
                return 255;
            return (byte)(v + 0.5f);
        }

        private interface ITensorValues
        {
            byte ByteAt(int index);
        }

        private readonly unsafe struct SingleValues : ITensorValues
        {
            private readonly float* _values;

            public SingleValues(float* values) => _values = values;

            public byte ByteAt(int index) => ToByte(_values[index]);
        }

        private readonly unsafe struct HalfValues : ITensorValues
        {
            private readonly Float16* _values;

            public HalfValues(Float16* values) => _values = values;

            public byte ByteAt(int index) => HalfToByte[_values[index].value];
        }
    }
}
