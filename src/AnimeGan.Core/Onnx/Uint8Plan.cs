using AnimeGan.Core.Onnx.Proto;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// Decides which activations of a float graph live in uint8: those an integer kernel makes or reads. A Conv's
    /// output (QLinearConv needs its Q), a Conv's input, what a LeakyRelu, a residual Add or a Concat reads and makes
    /// (each becomes its QLinear kernel), and what a reflect Pad, a Resize or a statistics subsample reads (they then
    /// run on uint8). Only picture-sized float tensors with a calibrated range qualify; graph outputs stay float.
    /// </summary>
    internal sealed class Uint8Plan
    {
        private readonly TensorRanges _ranges;
        private readonly IReadOnlyDictionary<string, TensorProto> _initializers;

        // Indexed once, on the graph as it was given: the quantizer rewires nodes as it goes and never reindexes this.
        private readonly GraphEdits _given;
        private readonly HashSet<NodeProto> _integerConvs = new HashSet<NodeProto>(new SameNode());

        public Uint8Plan(GraphProto graph, TensorRanges ranges, IReadOnlyDictionary<string, TensorProto> initializers)
        {
            _ranges = ranges;
            _initializers = initializers;
            _given = new GraphEdits(graph);
            foreach (var node in graph.Node.Where(n => n.OpType == "Conv" && OnnxDomain.IsDefault(n) && n.Input.Count >= 2))
            {
                if (initializers.TryGetValue(node.Input[1], out var weight) && weight.DataType == (int)TensorProto.Types.DataType.Float
                    && weight.Dims.Count == 4 && weight.Dims[0] >= FewestQuantizedChannels && weight.Dims[1] >= FewestQuantizedChannels)
                    _integerConvs.Add(node);
            }
        }

        /// <summary>
        /// With fewer input or output channels (per group) than this, a Conv stays float. ONNX Runtime's channels-last
        /// QLinearConv gathers every output pixel's receptive field into one buffer first: for the 7x7, 32-to-3 output
        /// layer that is 1568 bytes per pixel, 940 MB at 1024x576, to compute three values each (measured: the variant's
        /// peak memory 1.6 GB, and that one layer 0.2 to 5 s against 0.1 s in float); the 7x7 input layer's 3 channels
        /// make a thin buffer that runs slower than MLAS's float kernel too (cute: 351 ms against 74 ms).
        /// </summary>
        public const int FewestQuantizedChannels = 8;

        /// <summary>Whether a Conv runs as QLinearConv: constant float weights, and enough output channels to pay (decided on the graph as it was given).</summary>
        public bool QuantizesConv(NodeProto node) => _integerConvs.Contains(node);

        /// <summary>Gets the node that makes a value in the graph as it was given, when it is the given operator.</summary>
        public NodeProto? Producer(string value, string opType) => _given.Producer(value, opType);

        /// <summary>Whether a value should be quantized where it is made (or, for a graph input, where it enters).</summary>
        public bool WantsUint8(string value)
        {
            if (!IsActivation(value))
                return false;
            var producer = _given.Producer(value);
            if (producer != null && OnnxDomain.IsDefault(producer))
            {
                if (producer.OpType == "Conv")
                {
                    // A float convolution's output is quantized only for a normalization's statistics subsample (its
                    // affine then runs in integers); otherwise it stays float into the next operator: measured on cute,
                    // quantizing it there raised the peak from 212 to 259 MB for no speed.
                    return QuantizesConv(producer) || _given.Consumers(value).Any(c => OnnxDomain.IsDefault(c) && c.OpType == "Slice" && c.Input[0] == value);
                }
                if ((producer.OpType == "LeakyRelu" || producer.OpType == "Add" || producer.OpType == "Concat") && AllInputsAreActivations(producer))
                    return true;
            }

            return _given.Consumers(value).Where(OnnxDomain.IsDefault).Any(c => c.OpType switch
            {
                "Conv" => c.Input[0] == value && QuantizesConv(c),
                "Pad" or "Resize" or "Slice" => c.Input[0] == value,
                "LeakyRelu" => true,
                "Add" or "Concat" => AllInputsAreActivations(c),
                _ => false,
            });
        }

        /// <summary>Whether a value is a picture-sized float activation with a calibrated range (not a per-channel value or a graph output).</summary>
        public bool IsActivation(string value)
            => !_given.IsGraphOutput(value) && !_initializers.ContainsKey(value) && _ranges.IsActivation(value);

        private bool AllInputsAreActivations(NodeProto node) => node.Input.All(IsActivation);

    
        /// <summary>Nodes by identity: a protobuf message's hash follows its contents, which the quantizer rewires.</summary>
        private sealed class SameNode : IEqualityComparer<NodeProto>
        {
            public bool Equals(NodeProto? x, NodeProto? y) => ReferenceEquals(x, y);

            public int GetHashCode(NodeProto obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
