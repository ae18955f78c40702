using AnimeGan.Core.Onnx.Proto;
using Google.Protobuf;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// INT8 quantization in the standard QDQ form that ONNX Runtime's CPU provider fuses into integer
    /// kernels: every Conv gets its weights quantized per output channel (symmetric int8) and its bias to
    /// int32, each behind a DequantizeLinear; with calibrated activation ranges its input and output also get
    /// QuantizeLinear/DequantizeLinear pairs (asymmetric uint8), so the whole Conv can run on integers.
    /// </summary>
    internal static class Int8Quantizer
    {
        private const int Float = (int)TensorProto.Types.DataType.Float;
        private const int Int8 = (int)TensorProto.Types.DataType.Int8;
        private const int UInt8 = (int)TensorProto.Types.DataType.Uint8;
        private const int Int32 = (int)TensorProto.Types.DataType.Int32;
        private const string MicrosoftDomain = "com.microsoft";

        /// <summary>Returns a quantized copy of a float32 model.</summary>
        /// <param name="model">A float32 model (convert float16 models first).</param>
        /// <param name="ranges">Activation ranges from calibration; null quantizes weights only.</param>
        /// <exception cref="AnimeGanException">The model has float16 tensors or no Conv with constant weights.</exception>
        public static ModelProto Quantize(ModelProto model, TensorRanges? ranges)
        {
            Throw.IfNull(model);
            if (Float16ToFloat32.UsesFloat16(model))
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, "INT8 quantization needs a float32 model; convert float16 models to float32 first.");
            var result = model.Clone();
            OpsetUpgrade.To10(result);
            var domain = QdqDomain(result);
            var graph = result.Graph;
            var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
            var uses = graph.Node.SelectMany(n => n.Input).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var nodes = new List<NodeProto>();
            var activationDq = new Dictionary<string, string>(StringComparer.Ordinal);
            var quantized = 0;

            foreach (var node in graph.Node)
            {
                if (node.OpType != "Conv" || node.Input.Count < 2 || !initializers.TryGetValue(node.Input[1], out var weight) || weight.DataType != Float || weight.Dims.Count != 4)
                {
                    nodes.Add(node);
                    continue;
                }

                quantized++;
                var weightScales = QuantizeWeight(graph, weight, uses[weight.Name] == 1, out var weightDq, nodes, domain);
                node.Input[1] = weightDq;

                if (ranges != null && ranges.TryGet(node.Input[0], out var inputRange))
                {
                    if (!activationDq.TryGetValue(node.Input[0], out var inputDq))
                    {
                        inputDq = AddActivationQdq(graph, nodes, node.Input[0], node.Input[0] + "_dq", inputRange, domain);
                        activationDq[node.Input[0]] = inputDq;
                    }

                    node.Input[0] = inputDq;
                    if (node.Input.Count > 2 && initializers.TryGetValue(node.Input[2], out var bias) && bias.DataType == Float)
                        node.Input[2] = QuantizeBias(graph, nodes, bias, ScaleOf(inputRange).Scale, weightScales, domain);
                }

                nodes.Add(node);
                if (ranges != null && ranges.TryGet(node.Output[0], out var outputRange))
                {
                    // Conv -> Q -> DQ, keeping the original output name for the consumers.
                    var original = node.Output[0];
                    node.Output[0] = original + "_float";
                    AddActivationQdq(graph, nodes, node.Output[0], original, outputRange, domain);
                }
            }

            if (quantized == 0)
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, "The model has no Conv with constant float weights to quantize.");
            graph.Node.Clear();
            graph.Node.AddRange(nodes);
            var unused = graph.Initializer.Where(t => !graph.Node.Any(n => n.Input.Contains(t.Name))).ToList();
            foreach (var tensor in unused)
                graph.Initializer.Remove(tensor);
            return result;
        }

        /// <summary>Adds graph outputs for every Conv input and output, so one run reports all tensors calibration needs.</summary>
        public static ModelProto WithConvTensorsAsOutputs(ModelProto model)
        {
            var result = model.Clone();
            var initializers = new HashSet<string>(result.Graph.Initializer.Select(t => t.Name), StringComparer.Ordinal);
            var existing = new HashSet<string>(result.Graph.Output.Select(o => o.Name), StringComparer.Ordinal);
            foreach (var node in result.Graph.Node.Where(n => n.OpType == "Conv"))
            {
                foreach (var name in new[] { node.Input[0], node.Output[0] })
                {
                    if (!initializers.Contains(name) && existing.Add(name))
                        result.Graph.Output.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = Float } } });
                }
            }

            return result;
        }

        private static float[] QuantizeWeight(GraphProto graph, TensorProto weight, bool onlyUse, out string dequantized, List<NodeProto> nodes, string domain)
        {
            var values = FloatValues(weight);
            var channels = (int)weight.Dims[0];
            var perChannel = values.Length / channels;
            var scales = new float[channels];
            var quantized = new byte[values.Length];
            for (var c = 0; c < channels; c++)
            {
                var max = 0f;
                for (var i = 0; i < perChannel; i++)
                    max = Math.Max(max, Math.Abs(values[(c * perChannel) + i]));
                scales[c] = max > 0 ? max / 127f : 1f;
                for (var i = 0; i < perChannel; i++)
                {
                    var q = (int)Math.Round(values[(c * perChannel) + i] / scales[c], MidpointRounding.AwayFromZero);
                    quantized[(c * perChannel) + i] = unchecked((byte)(sbyte)Math.Max(-127, Math.Min(127, q)));
                }
            }

            var name = weight.Name;
            var q8 = new TensorProto { Name = name + "_int8", DataType = Int8, RawData = ByteString.CopyFrom(quantized) };
            q8.Dims.AddRange(weight.Dims);
            graph.Initializer.Add(q8);
            graph.Initializer.Add(Vector(name + "_scale", scales));
            graph.Initializer.Add(ZeroPoints(name + "_zero_point", channels, Int8));
            dequantized = name + "_dequantized";
            nodes.Add(Node(domain, "DequantizeLinear", name + "_dq", new[] { q8.Name, name + "_scale", name + "_zero_point" }, dequantized, axis: 0));
            if (onlyUse)
                graph.Initializer.Remove(weight);
            return scales;
        }

        private static string QuantizeBias(GraphProto graph, List<NodeProto> nodes, TensorProto bias, float inputScale, float[] weightScales, string domain)
        {
            var values = FloatValues(bias);
            var scales = weightScales.Select(s => s * inputScale).ToArray();
            var quantized = new int[values.Length];
            for (var i = 0; i < values.Length; i++)
                quantized[i] = (int)Math.Round(values[i] / scales[i], MidpointRounding.AwayFromZero);
            var bytes = new byte[quantized.Length * 4];
            Buffer.BlockCopy(quantized, 0, bytes, 0, bytes.Length);
            var name = bias.Name + "_" + nodes.Count;
            var q32 = new TensorProto { Name = name + "_int32", DataType = Int32, RawData = ByteString.CopyFrom(bytes) };
            q32.Dims.AddRange(bias.Dims);
            graph.Initializer.Add(q32);
            graph.Initializer.Add(Vector(name + "_scale", scales));
            graph.Initializer.Add(ZeroPoints(name + "_zero_point", scales.Length, Int32));
            nodes.Add(Node(domain, "DequantizeLinear", name + "_dq", new[] { q32.Name, name + "_scale", name + "_zero_point" }, name + "_dequantized", axis: 0));
            return name + "_dequantized";
        }

        private static string AddActivationQdq(GraphProto graph, List<NodeProto> nodes, string input, string output, (float Min, float Max) range, string domain)
        {
            var (scale, zeroPoint) = ScaleOf(range);
            var scaleName = input + "_act_scale";
            var zeroName = input + "_act_zero_point";
            if (!graph.Initializer.Any(t => t.Name == scaleName))
            {
                graph.Initializer.Add(new TensorProto { Name = scaleName, DataType = Float, RawData = ByteString.CopyFrom(BitConverter.GetBytes(scale)) });
                graph.Initializer.Add(new TensorProto { Name = zeroName, DataType = UInt8, RawData = ByteString.CopyFrom(new[] { zeroPoint }) });
            }

            nodes.Add(Node(domain, "QuantizeLinear", input + "_q", new[] { input, scaleName, zeroName }, input + "_quantized", axis: null));
            nodes.Add(Node(domain, "DequantizeLinear", input + "_dq_node", new[] { input + "_quantized", scaleName, zeroName }, output, axis: null));
            return output;
        }

        private static (float Scale, byte ZeroPoint) ScaleOf((float Min, float Max) range)
        {
            var min = Math.Min(0f, range.Min);
            var max = Math.Max(0f, range.Max);
            var scale = max > min ? (max - min) / 255f : 1f;
            var zero = (int)Math.Round(-min / scale, MidpointRounding.AwayFromZero);
            return (scale, (byte)Math.Max(0, Math.Min(255, zero)));
        }

        private static float[] FloatValues(TensorProto tensor)
            => TensorValues.Floats(tensor) ?? throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"{tensor.Name}: not a float32 tensor; the model was not quantized.");

        private static TensorProto Vector(string name, float[] values)
        {
            var bytes = new byte[values.Length * 4];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            var tensor = new TensorProto { Name = name, DataType = Float, RawData = ByteString.CopyFrom(bytes) };
            tensor.Dims.Add(values.Length);
            return tensor;
        }

        private static TensorProto ZeroPoints(string name, int count, int dataType)
        {
            var tensor = new TensorProto { Name = name, DataType = dataType, RawData = ByteString.CopyFrom(new byte[count * (dataType == Int32 ? 4 : 1)]) };
            tensor.Dims.Add(count);
            return tensor;
        }

        private static NodeProto Node(string domain, string opType, string name, string[] inputs, string output, int? axis)
        {
            var node = new NodeProto { OpType = opType, Name = name, Domain = domain };
            node.Input.AddRange(inputs);
            node.Output.Add(output);
            if (axis != null)
                node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = axis.Value });
            return node;
        }

        /// <summary>
        /// Per-channel Q/DQ needs opset 13. Older models keep their opset (raising it would change other
        /// operators' semantics) and use ONNX Runtime's com.microsoft Q/DQ, which its QDQ fusion treats alike.
        /// </summary>
        private static string QdqDomain(ModelProto model)
        {
            var main = model.OpsetImport.FirstOrDefault(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx");
            if (main != null && main.Version >= 13)
                return "";
            if (!model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
                model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
            return MicrosoftDomain;
        }
    }
}
