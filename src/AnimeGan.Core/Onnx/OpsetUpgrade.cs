using AnimeGan.Core.Onnx.Proto;
using Google.Protobuf;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// Lifts an opset 9 model to opset 10, the first with integer convolution (QLinearConv). Only two of the
    /// operators these generators use changed: Slice takes its bounds as inputs instead of attributes, and
    /// Upsample became Resize with the same inputs and meaning.
    /// </summary>
    internal static class OpsetUpgrade
    {
        private static readonly string[] Unchanged =
        {
            "Pad", "Transpose", "Conv", "GlobalAveragePool", "Sub", "Mul", "Add", "Sqrt", "Reshape", "Div", "LeakyRelu",
            "Unsqueeze", "Squeeze", "Softmax", "ReduceSum", "ReduceMean", "Shape", "Gather", "Cast", "Concat", "Tanh",
            "Reciprocal", "Relu", "Sigmoid", "Constant", "Identity", "Pow", "Clip", "MatMul", "Max", "Min", "Exp", "Neg",
            "InstanceNormalization", "BatchNormalization", "ConvTranspose", "AveragePool", "MaxPool", "Flatten", "Gemm",
        };

        public static void To10(ModelProto model)
        {
            var main = model.OpsetImport.FirstOrDefault(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx");
            if (main == null || main.Version >= 10)
                return;
            if (main.Version < 9)
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"Models older than opset 9 (this one is {main.Version}) cannot be quantized.");

            var graph = model.Graph;
            foreach (var node in graph.Node.Where(n => string.IsNullOrEmpty(n.Domain)))
            {
                if (node.OpType == "Upsample")
                {
                    node.OpType = "Resize";
                }
                else if (node.OpType == "Slice")
                {
                    foreach (var name in new[] { "starts", "ends", "axes" })
                    {
                        var attribute = node.Attribute.FirstOrDefault(a => a.Name == name);
                        if (attribute == null)
                            continue;
                        var tensorName = $"{node.Name}_{name}_{graph.Initializer.Count}";
                        graph.Initializer.Add(Int64Vector(tensorName, attribute.Ints.ToArray()));
                        node.Input.Add(tensorName);
                        node.Attribute.Remove(attribute);
                    }
                }
                else if (!Unchanged.Contains(node.OpType))
                {
                    throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"Operator {node.OpType} in this opset 9 model is not known to be unchanged in opset 10; not quantized.");
                }
            }

            main.Version = 10;
        }

        private static TensorProto Int64Vector(string name, long[] values)
        {
            var bytes = new byte[values.Length * 8];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64, RawData = ByteString.CopyFrom(bytes) };
            tensor.Dims.Add(values.Length);
            return tensor;
        }
    }
}
