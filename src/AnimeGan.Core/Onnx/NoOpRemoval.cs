using AnimeGan.Core.Onnx.Proto;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// Removes nodes that copy a tensor without changing it: reflect Pads with all-zero padding (the TensorFlow
    /// export writes one before every 1x1 convolution, and each copies a full activation) and Casts to the type the
    /// value already has (what the float16 model's casts become once it is float32).
    /// </summary>
    internal static class NoOpRemoval
    {
        /// <summary>Ops whose output has the element type of their first input.</summary>
        private static readonly HashSet<string> TypePreserving = new HashSet<string>(StringComparer.Ordinal)
        {
            "Add", "Sub", "Mul", "Div", "Conv", "Pad", "Transpose", "Reshape", "GlobalAveragePool", "LeakyRelu", "Relu",
            "Sqrt", "Tanh", "Sigmoid", "Upsample", "Resize", "Slice", "Concat", "Squeeze", "Unsqueeze", "Gather", "Softmax",
            "ReduceSum", "ReduceMean", "Reciprocal", "InstanceNormalization", "Identity", "Neg", "Exp", "Pow", "Max", "Min",
        };

        /// <summary>Removes zero Pads; returns how many.</summary>
        public static int RemoveZeroPads(GraphEdits edits)
        {
            var removed = 0;
            foreach (var pad in edits.Graph.Node.Where(n => n.OpType == "Pad" && OnnxDomain.IsDefault(n)).ToList())
            {
                var pads = PadsOf(edits, pad);
                if (pads == null || pads.Any(p => p != 0) || edits.IsGraphOutput(pad.Output[0]))
                    continue;
                edits.Rewire(pad.Output[0], pad.Input[0]);
                removed++;
            }

            return removed;
        }

        /// <summary>Removes Casts to the type their input already has; returns how many.</summary>
        public static int RemoveIdentityCasts(GraphEdits edits)
        {
            var types = ElementTypes(edits.Graph);
            var removed = 0;
            foreach (var cast in edits.Graph.Node.Where(n => n.OpType == "Cast" && OnnxDomain.IsDefault(n)).ToList())
            {
                var to = cast.Attribute.FirstOrDefault(a => a.Name == "to");
                if (to == null || !types.TryGetValue(cast.Input[0], out var from) || from != to.I || edits.IsGraphOutput(cast.Output[0]))
                    continue;
                edits.Rewire(cast.Output[0], cast.Input[0]);
                removed++;
            }

            return removed;
        }

        private static long[]? PadsOf(GraphEdits edits, NodeProto pad)
        {
            var attribute = pad.Attribute.FirstOrDefault(a => a.Name == "pads");
            if (attribute != null)
                return attribute.Ints.ToArray();
            if (pad.Input.Count < 2)
                return null;
            var tensor = edits.Initializer(pad.Input[1]);
            return tensor == null ? null : TensorValues.Int64s(tensor);
        }

        /// <summary>Element types known from the graph's declarations and the ops above, in node order.</summary>
        private static Dictionary<string, long> ElementTypes(GraphProto graph)
        {
            var types = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var value in graph.Input.Concat(graph.ValueInfo).Concat(graph.Output).Where(v => v.Type?.TensorType != null))
                types[value.Name] = value.Type.TensorType.ElemType;
            foreach (var tensor in graph.Initializer)
                types[tensor.Name] = tensor.DataType;
            foreach (var node in graph.Node.Where(OnnxDomain.IsDefault))
            {
                long type;
                if (node.OpType == "Cast")
                    type = node.Attribute.FirstOrDefault(a => a.Name == "to")?.I ?? 0;
                else if (node.OpType == "Shape")
                    type = (long)TensorProto.Types.DataType.Int64;
                else if (TypePreserving.Contains(node.OpType) && node.Input.Count > 0 && types.TryGetValue(node.Input[0], out var first))
                    type = first;
                else
                    continue;
                if (type != 0 && !types.ContainsKey(node.Output[0]))
                    types[node.Output[0]] = type;
            }

            return types;
        }
    }
}
