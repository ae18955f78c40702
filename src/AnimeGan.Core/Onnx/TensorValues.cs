using AnimeGan.Core.Onnx.Proto;

namespace AnimeGan.Core.Onnx
{
    /// <summary>Reads the values of small constant tensors (shapes, pads, epsilons) whichever field holds them, and makes new ones.</summary>
    internal static class TensorValues
    {
        /// <summary>Makes a one-dimensional int64 initializer (pads, Slice bounds).</summary>
        public static TensorProto Int64Vector(string name, params long[] values)
        {
            var bytes = new byte[values.Length * 8];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64, RawData = Google.Protobuf.ByteString.CopyFrom(bytes) };
            tensor.Dims.Add(values.Length);
            return tensor;
        }

        public static long[]? Int64s(TensorProto tensor)
        {
            if (tensor.DataType != (int)TensorProto.Types.DataType.Int64)
                return null;
            if (tensor.RawData.IsEmpty)
                return tensor.Int64Data.ToArray();
            var values = new long[tensor.RawData.Length / 8];
            Buffer.BlockCopy(tensor.RawData.ToByteArray(), 0, values, 0, values.Length * 8);
            return values;
        }

        public static float[]? Floats(TensorProto tensor)
        {
            if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
                return null;
            if (tensor.RawData.IsEmpty)
                return tensor.FloatData.ToArray();
            var values = new float[tensor.RawData.Length / 4];
            Buffer.BlockCopy(tensor.RawData.ToByteArray(), 0, values, 0, values.Length * 4);
            return values;
        }
    }
}
