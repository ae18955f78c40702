using AnimeGan.Core.Onnx.Proto;
using Google.Protobuf;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// INT8 quantization in the QDQ form that ONNX Runtime's CPU provider turns into integer kernels, written so
    /// activations stay uint8 from one convolution to the next: every Conv gets its weights quantized per output
    /// channel (symmetric int8) and its bias to int32; every activation a Conv, LeakyRelu, residual Add or Concat
    /// makes or reads gets a QuantizeLinear/DequantizeLinear pair (asymmetric uint8), which ONNX Runtime fuses into
    /// QLinearConv, QLinearLeakyRelu, QLinearAdd and QLinearConcat; and the reflect Pads, Resizes and Transposes
    /// between them read and write the uint8 tensor itself (ONNX Runtime has uint8 kernels for them from opset 11,
    /// but no QDQ rule that moves a Pad into integers). The normalizations' per-channel affine runs as an integer
    /// depthwise convolution (<see cref="IntegerAffine"/>). What stays float: the normalizations' statistics, taken on
    /// a quarter of the pixels (<see cref="SubsampledStatistics"/>), and convolutions with too few channels to gain
    /// (<see cref="Uint8Plan.FewestQuantizedChannels"/>).
    /// </summary>
    internal static class Int8Quantizer
    {
        private const int Float = (int)TensorProto.Types.DataType.Float;
        private const int Int8 = (int)TensorProto.Types.DataType.Int8;
        private const int UInt8 = (int)TensorProto.Types.DataType.Uint8;
        private const int Int32 = (int)TensorProto.Types.DataType.Int32;
        private const string MicrosoftDomain = "com.microsoft";

        /// <summary>Operators that only move or interpolate values, run on the uint8 tensor with its scale unchanged.</summary>
        private static readonly string[] IntegerPassThrough = { "Pad", "Resize", "Transpose", "Slice" };

        /// <summary>The model metadata entry that says how many output channels' weights kept the int8 grid they already had ("12/30").</summary>
        public const string WeightsOnExistingGridKey = "animegan.int8.weights_on_existing_grid";

        /// <summary>Returns a quantized copy of a float32 model.</summary>
        /// <param name="model">A float32 model (convert float16 models first).</param>
        /// <param name="ranges">Activation ranges from calibration.</param>
        /// <exception cref="AnimeGanException">The model has float16 tensors or no Conv with constant weights.</exception>
        public static ModelProto Quantize(ModelProto model, TensorRanges ranges)
        {
            Throw.IfNull(model);
            Throw.IfNull(ranges);
            if (Float16ToFloat32.UsesFloat16(model))
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, "INT8 quantization needs a float32 model; convert float16 models to float32 first.");
            var result = model.Clone();
            OpsetUpgrade.To11(result);

            // The exporter's shape notes would describe subsampled statistics as full-size; ONNX Runtime infers shapes again.
            result.Graph.ValueInfo.Clear();
            SubsampledStatistics.Apply(result.Graph);
            var domain = QdqDomain(result);
            var graph = result.Graph;
            var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
            var uses = graph.Node.SelectMany(n => n.Input).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var plan = new Uint8Plan(graph, ranges, initializers);
            var nodes = new List<NodeProto>();
            var uint8 = new Dictionary<string, QuantizedValue>(StringComparer.Ordinal);
            var quantizedConvs = 0;
            int channels = 0, channelsOnGrid = 0;

            foreach (var input in graph.Input.Where(i => plan.WantsUint8(i.Name)))
            {
                var dequantized = input.Name + "_dequantized";
                new GraphEdits(graph).Rewire(input.Name, dequantized);
                uint8[dequantized] = AddActivationQdq(graph, nodes, input.Name, dequantized, ranges, input.Name, domain);
            }

            foreach (var node in graph.Node)
            {
                if (OnnxDomain.IsDefault(node) && IntegerPassThrough.Contains(node.OpType) && uint8.TryGetValue(node.Input[0], out var source) && PassesThroughUint8(node))
                {
                    uint8[node.Output[0]] = RunOnUint8(graph, nodes, node, source, ranges.Rank(node.Output[0]), domain);
                    continue;
                }

                if (IntegerAffine.TryMatch(node, plan, uint8, out var affine) && plan.WantsUint8(node.Output[0]) && ranges.TryGet(node.Output[0], out var affineRange))
                {
                    var output = node.Output[0];
                    var result8 = IntegerAffine.Add(graph, nodes, affine, uint8[affine.A], ranges.Channels(affine.A), output, ScaleOf(affineRange));
                    nodes.Add(Node(domain, "DequantizeLinear", output + "_dq_node", new[] { result8.Uint8Name, result8.ScaleName, result8.ZeroPointName }, output, axis: null));
                    uint8[output] = result8;
                    continue;
                }

                if (plan.QuantizesConv(node))
                {
                    var weight = initializers[node.Input[1]];
                    quantizedConvs++;
                    var weightScales = QuantizeWeight(graph, weight, uses[weight.Name] == 1, out var weightDq, nodes, domain, ref channelsOnGrid);
                    channels += (int)weight.Dims[0];
                    node.Input[1] = weightDq;
                    if (uint8.TryGetValue(node.Input[0], out var input) && node.Input.Count > 2 && initializers.TryGetValue(node.Input[2], out var bias) && bias.DataType == Float)
                        node.Input[2] = QuantizeBias(graph, nodes, bias, input.Scale, weightScales, domain);
                }

                nodes.Add(node);
                foreach (var output in node.Output.ToList().Where(o => plan.WantsUint8(o) && !uint8.ContainsKey(o)))
                {
                    // node -> Q -> DQ, keeping the original name for the consumers (the DQ's output).
                    var index = node.Output.IndexOf(output);
                    node.Output[index] = output + "_float";
                    uint8[output] = AddActivationQdq(graph, nodes, node.Output[index], output, ranges, output, domain);
                }
            }

            if (quantizedConvs == 0)
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, "The model has no Conv with constant float weights to quantize.");
            graph.Node.Clear();
            graph.Node.AddRange(nodes);
            new GraphEdits(graph).Prune();
            result.MetadataProps.Add(new StringStringEntryProto { Key = WeightsOnExistingGridKey, Value = $"{channelsOnGrid}/{channels}" });
            return result;
        }

        /// <summary>Adds a graph output for every value a node makes, so one calibration run reports every tensor (only float ones are kept).</summary>
        public static ModelProto WithEveryTensorAsOutput(ModelProto model)
        {
            var result = model.Clone();
            var existing = new HashSet<string>(result.Graph.Output.Select(o => o.Name), StringComparer.Ordinal);
            foreach (var name in result.Graph.Node.SelectMany(n => n.Output).Where(o => o.Length > 0 && existing.Add(o)).ToList())
                result.Graph.Output.Add(new ValueInfoProto { Name = name });
            return result;
        }

        /// <summary>Makes a Pad, Resize, Transpose or Slice read the uint8 tensor itself and hand on one with the same scale and zero point.</summary>
        private static QuantizedValue RunOnUint8(GraphProto graph, List<NodeProto> nodes, NodeProto node, QuantizedValue source, int rank, string domain)
        {
            var output = node.Output[0];
            node.Input[0] = source.Uint8Name;
            node.Output[0] = output + "_uint8";
            nodes.Add(node);
            nodes.Add(Node(domain, "DequantizeLinear", output + "_dq_node", new[] { node.Output[0], source.ScaleName, source.ZeroPointName }, output, axis: null));

            // A Resize with computed scales leaves ONNX shape inference without even the rank, and ONNX Runtime only
            // moves a QLinearConv to its fast channels-last kernel when it knows the rank.
            AddRank(graph, node.Output[0], UInt8, rank);
            AddRank(graph, output, Float, rank);
            return source with { Uint8Name = node.Output[0] };
        }

        private static void AddRank(GraphProto graph, string value, int elementType, int rank)
        {
            if (rank == 0 || graph.ValueInfo.Any(v => v.Name == value))
                return;
            var shape = new TensorShapeProto();
            for (var i = 0; i < rank; i++)
                shape.Dim.Add(new TensorShapeProto.Types.Dimension());
            graph.ValueInfo.Add(new ValueInfoProto { Name = value, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } } });
        }

        /// <summary>A reflect or edge Pad, any Resize and any Transpose give the same result on uint8 codes as on the values (a constant Pad would pad with code 0, not the zero point).</summary>
        private static bool PassesThroughUint8(NodeProto node)
        {
            if (node.OpType != "Pad")
                return true;
            var mode = node.Attribute.FirstOrDefault(a => a.Name == "mode")?.S.ToStringUtf8() ?? "constant";
            return mode == "reflect" || mode == "edge";
        }

        private static float[] QuantizeWeight(GraphProto graph, TensorProto weight, bool onlyUse, out string dequantized, List<NodeProto> nodes, string domain, ref int channelsOnGrid)
        {
            var values = FloatValues(weight);
            var channels = (int)weight.Dims[0];
            var perChannel = values.Length / channels;
            var scales = new float[channels];
            var quantized = new byte[values.Length];
            for (var c = 0; c < channels; c++)
            {
                scales[c] = WeightGrid.Scale(new ReadOnlySpan<float>(values, c * perChannel, perChannel), out var exact);
                channelsOnGrid += exact ? 1 : 0;
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

        private static QuantizedValue AddActivationQdq(GraphProto graph, List<NodeProto> nodes, string input, string output, TensorRanges ranges, string rangeName, string domain)
        {
            ranges.TryGet(rangeName, out var range);
            var (scale, zeroPoint) = ScaleOf(range);
            var scaleName = input + "_act_scale";
            var zeroName = input + "_act_zero_point";
            graph.Initializer.Add(new TensorProto { Name = scaleName, DataType = Float, RawData = ByteString.CopyFrom(BitConverter.GetBytes(scale)) });
            graph.Initializer.Add(new TensorProto { Name = zeroName, DataType = UInt8, RawData = ByteString.CopyFrom(new[] { zeroPoint }) });
            var quantized = input + "_quantized";
            nodes.Add(Node(domain, "QuantizeLinear", input + "_q", new[] { input, scaleName, zeroName }, quantized, axis: null));
            nodes.Add(Node(domain, "DequantizeLinear", input + "_dq_node", new[] { quantized, scaleName, zeroName }, output, axis: null));
            return new QuantizedValue(quantized, scaleName, zeroName, scale);
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
            var main = OnnxDomain.MainOpset(model);
            if (main != null && main.Version >= 13)
                return "";
            if (!model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
                model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
            return MicrosoftDomain;
        }
    }

    /// <summary>An activation kept in uint8: the tensor, and the scale and zero point that read it back.</summary>
    internal sealed record QuantizedValue(string Uint8Name, string ScaleName, string ZeroPointName, float Scale);
}
