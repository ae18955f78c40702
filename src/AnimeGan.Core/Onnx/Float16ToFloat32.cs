using AnimeGan.Core.Onnx.Proto;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// Turns a float16 model into the same model in float32: initializers and constant tensors are widened,
    /// casts to float16 become casts to float32, and every declared float16 value (inputs, outputs,
    /// intermediate value infos) is declared float32. On x86 CPUs ONNX Runtime has few float16 kernels and
    /// wraps the rest in casts; the float32 model avoids them (measured in docs/performance.md).
    /// </summary>
    internal static class Float16ToFloat32
    {
        private const int Float = (int)TensorProto.Types.DataType.Float;
        private const int Float16 = (int)TensorProto.Types.DataType.Float16;

        /// <summary>True when the model declares any float16 tensor.</summary>
        public static bool UsesFloat16(ModelProto model)
            => model.Graph.Initializer.Any(t => t.DataType == Float16)
               || model.Graph.Input.Concat(model.Graph.Output).Any(v => v.Type?.TensorType?.ElemType == Float16);

        /// <summary>Returns a float32 copy of the model; the original is not changed.</summary>
        public static ModelProto Convert(ModelProto model)
        {
            Throw.IfNull(model);
            var result = model.Clone();
            ConvertGraph(result.Graph);
            return result;
        }

        private static void ConvertGraph(GraphProto graph)
        {
            foreach (var tensor in graph.Initializer)
                Widen(tensor);
            foreach (var value in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo))
            {
                if (value.Type?.TensorType != null && value.Type.TensorType.ElemType == Float16)
                    value.Type.TensorType.ElemType = Float;
            }

            foreach (var node in graph.Node)
            {
                foreach (var attribute in node.Attribute)
                {
                    if (attribute.T != null)
                        Widen(attribute.T);
                    foreach (var tensor in attribute.Tensors)
                        Widen(tensor);
                    if (attribute.G != null)
                        ConvertGraph(attribute.G);
                    foreach (var subgraph in attribute.Graphs)
                        ConvertGraph(subgraph);

                    // Cast(to=float16), and dtype-style attributes of generators such as EyeLike or RandomNormal.
                    if ((attribute.Name == "to" || attribute.Name == "dtype") && attribute.Type == AttributeProto.Types.AttributeType.Int && attribute.I == Float16)
                        attribute.I = Float;
                }
            }
        }

        private static void Widen(TensorProto tensor)
        {
            if (tensor.DataType != Float16)
                return;
            var count = tensor.Dims.Aggregate(1L, (a, d) => a * d);
            var floats = new float[count];
            if (!tensor.RawData.IsEmpty)
            {
                var raw = tensor.RawData.Span;
                for (var i = 0; i < count; i++)
                    floats[i] = (float)new Float16((ushort)(raw[2 * i] | (raw[(2 * i) + 1] << 8)));
            }
            else
            {
                // float16 values stored one per int32_data entry (the low 16 bits).
                for (var i = 0; i < count; i++)
                    floats[i] = (float)new Float16((ushort)tensor.Int32Data[i]);
                tensor.Int32Data.Clear();
            }

            var bytes = new byte[count * 4];
            Buffer.BlockCopy(floats, 0, bytes, 0, bytes.Length);
            tensor.RawData = ByteString.CopyFrom(bytes);
            tensor.DataType = Float;
        }
    }
}
