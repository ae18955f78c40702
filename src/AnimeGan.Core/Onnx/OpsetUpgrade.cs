using AnimeGan.Core.Onnx.Proto;
using Google.Protobuf;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// Lifts an opset 9 or 10 model to opset 11, the first where ONNX Runtime's CPU provider pads uint8 tensors, so
    /// a quantized graph can keep its activations in 8 bits through the reflect Pads. Opset 10 brought integer
    /// convolution, Slice bounds as inputs and Upsample renamed Resize; opset 11 moved Pad's amounts and Resize's
    /// region of interest to inputs and gave Resize a coordinate mode, which is set to the opset 10 meaning.
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

        public static void To11(ModelProto model)
        {
            To10(model);
            var main = OnnxDomain.MainOpset(model);
            if (main == null || main.Version >= 11)
                return;
            var graph = model.Graph;
            foreach (var node in graph.Node.Where(OnnxDomain.IsDefault))
            {
                if (node.OpType == "Pad")
                {
                    var pads = node.Attribute.First(a => a.Name == "pads");
                    var tensorName = $"{node.Name}_pads_{graph.Initializer.Count}";
                    graph.Initializer.Add(TensorValues.Int64Vector(tensorName, pads.Ints.ToArray()));
                    node.Input.Add(tensorName);
                    node.Attribute.Remove(pads);
                    var value = node.Attribute.FirstOrDefault(a => a.Name == "value");
                    if (value != null)
                    {
                        var valueName = $"{node.Name}_value_{graph.Initializer.Count}";
                        graph.Initializer.Add(new TensorProto { Name = valueName, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(BitConverter.GetBytes(value.F)) });
                        node.Input.Add(valueName);
                        node.Attribute.Remove(value);
                    }
                }
                else if (node.OpType == "Resize")
                {
                    // Resize-10 (X, scales) samples as 'asymmetric' with floor for nearest; 11 adds roi before scales.
                    var emptyRoi = $"{node.Name}_roi_{graph.Initializer.Count}";
                    var roi = new TensorProto { Name = emptyRoi, DataType = (int)TensorProto.Types.DataType.Float };
                    roi.Dims.Add(0);
                    graph.Initializer.Add(roi);
                    node.Input.Insert(1, emptyRoi);
                    node.Attribute.Add(new AttributeProto { Name = "coordinate_transformation_mode", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8("asymmetric") });
                    node.Attribute.Add(new AttributeProto { Name = "nearest_mode", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8("floor") });
                }
                else if (node.OpType == "Clip" && node.Attribute.Any(a => a.Name == "min" || a.Name == "max"))
                {
                    throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, "Clip with attribute bounds (opset 10) is not lifted to opset 11; not quantized.");
                }
            }

            main.Version = 11;
        }

        private static void To10(ModelProto model)
        {
            var main = OnnxDomain.MainOpset(model);
            if (main == null || main.Version >= 10)
                return;
            if (main.Version < 9)
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"Models older than opset 9 (this one is {main.Version}) cannot be quantized.");

            var graph = model.Graph;
            foreach (var node in graph.Node.Where(OnnxDomain.IsDefault))
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
                        graph.Initializer.Add(TensorValues.Int64Vector(tensorName, attribute.Ints.ToArray()));
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
    }
}
