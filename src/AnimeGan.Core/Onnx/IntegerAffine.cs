using AnimeGan.Core.Onnx.Proto;
using Google.Protobuf;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// Runs a normalization's per-picture affine on the uint8 activation itself: AnimeGANv3's adaptive normalization
    /// <c>(a - mean a) * ratio + mean b</c>, and the layer normalization of AnimeGANv2 and the face style,
    /// <c>a * s + t</c> with <c>s</c> and <c>t</c> per channel from the statistics and the learned gamma and beta.
    /// Per channel both are <c>a * s + t</c>: a 1x1 depthwise convolution whose weight is 1, whose per-channel weight
    /// scale is <c>s</c> and whose int32 bias is <c>t</c> in units of the input scale times <c>s</c>. ONNX Runtime's
    /// QLinearConv reads weight scales and bias at run time, so the statistics can feed it; one uint8 pass replaces a
    /// dequantize, two or three float passes over the activation and a quantize.
    /// </summary>
    internal static class IntegerAffine
    {
        private const int Float = (int)TensorProto.Types.DataType.Float;
        private const int UInt8 = (int)TensorProto.Types.DataType.Uint8;
        private const int Int32 = (int)TensorProto.Types.DataType.Int32;
        private const int Int64 = (int)TensorProto.Types.DataType.Int64;

        /// <summary>
        /// Matches <c>Add(Mul(Sub(a, meanA), ratio), meanB)</c> or <c>Add(Mul(a, s), t)</c> with <c>a</c> already uint8
        /// and the other operands per-channel values, not pictures.
        /// </summary>
        public static bool TryMatch(NodeProto add, Uint8Plan plan, IReadOnlyDictionary<string, QuantizedValue> uint8, out AffineParts parts)
        {
            parts = default!;
            if (add.OpType != "Add" || !OnnxDomain.IsDefault(add) || add.Input.Count != 2)
                return false;
            for (var side = 0; side < 2; side++)
            {
                var scale = plan.Producer(add.Input[side], "Mul");
                var other = add.Input[1 - side];
                if (scale == null || plan.IsActivation(other))
                    continue;
                for (var operand = 0; operand < 2; operand++)
                {
                    var x = scale.Input[operand];
                    var s = scale.Input[1 - operand];
                    if (plan.IsActivation(s))
                        continue;
                    if (uint8.ContainsKey(x))
                    {
                        parts = new AffineParts(x, s, other, null, null);
                        return true;
                    }

                    var centred = plan.Producer(x, "Sub");
                    if (centred != null && uint8.ContainsKey(centred.Input[0]) && !plan.IsActivation(centred.Input[1]))
                    {
                        parts = new AffineParts(centred.Input[0], s, null, centred.Input[1], other);
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Adds the nodes that compute the affine from the uint8 activation into a new uint8 tensor.</summary>
        /// <returns>The uint8 result with the output's calibrated scale and zero point.</returns>
        public static QuantizedValue Add(GraphProto graph, List<NodeProto> nodes, AffineParts parts, QuantizedValue input, long channels, string output, (float Scale, byte ZeroPoint) outputQuantization)
        {
            var stem = output + "_affine";
            string Constant(string suffix, int type, byte[] bytes, params long[] dims)
            {
                var tensor = new TensorProto { Name = stem + suffix, DataType = type, RawData = ByteString.CopyFrom(bytes) };
                tensor.Dims.AddRange(dims);
                graph.Initializer.Add(tensor);
                return tensor.Name;
            }

            string Op(string opType, string suffix, params string[] inputs)
            {
                var node = new NodeProto { OpType = opType, Name = stem + suffix + "_node" };
                node.Input.AddRange(inputs);
                node.Output.Add(stem + suffix);
                nodes.Add(node);
                return stem + suffix;
            }

            // Both per-channel operands as [channels], whether the graph holds them as [1,C,1,1], [C] or one value.
            var perChannel = Constant("_channels", Int64, BitConverter.GetBytes(channels), 1);
            var flat = Constant("_flat", Int64, BitConverter.GetBytes(-1L), 1);
            var scale = Op("Expand", "_weight_scale", Op("Reshape", "_scale_flat", parts.Scale, flat), perChannel);
            var shift = parts.Shift ?? Op("Sub", "_shift", parts.MeanB!, Op("Mul", "_mean_scaled", parts.MeanA!, parts.Scale));
            var step = Op("Mul", "_step", parts.Scale, input.ScaleName);

            // The shift in units of one output step of the input code; kept inside int32 when a ratio is near 0.
            var steps = Op("Round", "_bias_float", Op("Div", "_bias_exact", shift, step));
            var limit = Constant("_limit", Float, BitConverter.GetBytes(1e9f));
            var negativeLimit = Constant("_negative_limit", Float, BitConverter.GetBytes(-1e9f));
            var clipped = Op("Clip", "_bias_clipped", steps, negativeLimit, limit);
            var cast = Op("Cast", "_bias_int32", clipped);
            nodes[nodes.Count - 1].Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = Int32 });
            var bias = Op("Expand", "_bias", Op("Reshape", "_bias_flat", cast, flat), perChannel);

            var ones = new byte[channels];
            for (var i = 0; i < ones.Length; i++)
                ones[i] = 1;
            // uint8, not int8, weights: with signed weights and zero points of 0, ONNX Runtime may take its symmetric
            // path, which folds the bias into sums when the session starts and ignores a bias computed at run time
            // (TryConvSymPrepack and MLAS_CONV_SYM_PARAMS.Bias in onnxruntime/core/providers/cpu/quantization/qlinearconv.cc).
            var weight = Constant("_weight", UInt8, ones, channels, 1, 1, 1);
            var weightZero = Constant("_weight_zero_point", UInt8, new byte[] { 0 });
            var outputScale = Constant("_scale", Float, BitConverter.GetBytes(outputQuantization.Scale));
            var outputZero = Constant("_zero_point", UInt8, new[] { outputQuantization.ZeroPoint });
            var conv = new NodeProto { OpType = "QLinearConv", Name = stem + "_conv" };
            conv.Input.AddRange(new[] { input.Uint8Name, input.ScaleName, input.ZeroPointName, weight, scale, weightZero, outputScale, outputZero, bias });
            conv.Output.Add(output + "_uint8");
            conv.Attribute.Add(new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = channels });
            var kernel = new AttributeProto { Name = "kernel_shape", Type = AttributeProto.Types.AttributeType.Ints };
            kernel.Ints.AddRange(new long[] { 1, 1 });
            conv.Attribute.Add(kernel);
            nodes.Add(conv);
            return new QuantizedValue(conv.Output[0], outputScale, outputZero, outputQuantization.Scale);
        }
    }

    /// <summary>
    /// The operands of a per-channel affine <c>a * Scale + shift</c>: <c>Shift</c> when the graph computes it, or
    /// <c>MeanB - MeanA * Scale</c> for the adaptive normalization's <c>(a - MeanA) * Scale + MeanB</c>.
    /// </summary>
    internal sealed record AffineParts(string A, string Scale, string? Shift, string? MeanA, string? MeanB);
}
