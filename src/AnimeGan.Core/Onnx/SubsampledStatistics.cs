using AnimeGan.Core.Onnx.Proto;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// Takes the normalizations' statistics from every other row and column of the activation instead of
    /// all of it, for the INT8 graph. The statistics are per-channel means and variances over hundreds of thousands
    /// of pixels of smooth feature maps; a quarter of them gives nearly the same values (measured in docs/optimizer.md), and
    /// AnimeGANv3's 1x1 convolution whose output only feeds statistics runs on a quarter of the pixels too. The
    /// subsample is a strided Slice, which runs on the uint8 tensor.
    /// </summary>
    internal static class SubsampledStatistics
    {
        /// <summary>Rows and columns skipped between the pixels the statistics read.</summary>
        public const int Stride = 2;

        /// <summary>
        /// Rewrites every normalization whose statistics are <c>mean = GlobalAveragePool(a)</c> or <c>ReduceMean(a)</c>
        /// over the picture's axes, and <c>variance</c> from <c>Mul(a - mean, a - mean)</c>; with AnimeGANv3's adaptive
        /// form, also the 1x1 convolution of <c>a</c> that only feeds statistics. Returns how many.
        /// </summary>
        public static int Apply(GraphProto graph)
        {
            var edits = new GraphEdits(graph);
            var rewritten = 0;
            var alreadySubsampled = new HashSet<string>(StringComparer.Ordinal);
            foreach (var centred in graph.Node.Where(n => n.OpType == "Sub" && OnnxDomain.IsDefault(n) && n.Input.Count == 2).ToList())
            {
                var a = centred.Input[0];
                var mean = edits.Producer(centred.Input[1], "GlobalAveragePool") ?? SpatialReduceMean(edits.Producer(centred.Input[1], "ReduceMean"));
                var squares = edits.Consumers(centred.Output[0]).Where(n => n.OpType == "Mul" && n.Input[0] == centred.Output[0] && n.Input[1] == centred.Output[0]).ToList();
                if (mean == null || mean.Input[0] != a || squares.Count == 0 || alreadySubsampled.Contains(a))
                    continue;

                var subsample = edits.FreshName(a + "_subsample");
                var bounds = new[] { ("_starts", new long[] { 0, 0 }), ("_ends", new[] { long.MaxValue, long.MaxValue }), ("_axes", new long[] { 2, 3 }), ("_steps", new long[] { Stride, Stride }) };
                graph.Initializer.AddRange(bounds.Select(b => TensorValues.Int64Vector(subsample + b.Item1, b.Item2)));
                edits.Add("Slice", subsample + "_node", subsample, new[] { a }.Concat(bounds.Select(b => subsample + b.Item1)).ToArray());
                mean.Input[0] = subsample;
                var centredSubsample = edits.FreshName(centred.Output[0] + "_subsample");
                edits.Add("Sub", centredSubsample + "_node", centredSubsample, subsample, centred.Input[1]);
                foreach (var square in squares)
                {
                    square.Input[0] = centredSubsample;
                    square.Input[1] = centredSubsample;
                }

                // AnimeGANv3: a 1x1 convolution of a whose output only feeds its own statistics runs on the subsample too.
                foreach (var conv in edits.Consumers(a).Where(n => n.OpType == "Conv" && n.Input[0] == a && OnlyFeedsStatistics(edits, n.Output[0])).ToList())
                {
                    conv.Input[0] = subsample;
                    alreadySubsampled.Add(conv.Output[0]);
                }

                edits.Reindex();
                rewritten++;
            }

            if (rewritten > 0)
                edits.SortTopologically();
            return rewritten;
        }

        /// <summary>A ReduceMean over the picture's height and width that keeps its dimensions, as a normalization's mean is.</summary>
        private static NodeProto? SpatialReduceMean(NodeProto? node)
        {
            var axes = node?.Attribute.FirstOrDefault(a => a.Name == "axes")?.Ints;
            var keepDims = node?.Attribute.FirstOrDefault(a => a.Name == "keepdims")?.I ?? 1;
            return node != null && axes != null && axes.Contains(2) && axes.Contains(3) && !axes.Contains(0) && keepDims == 1 ? node : null;
        }

        /// <summary>Whether a value is only read by a mean and the centring Sub of its own statistics.</summary>
        private static bool OnlyFeedsStatistics(GraphEdits edits, string value)
        {
            var consumers = edits.Consumers(value);
            return consumers.Count > 0 && !edits.IsGraphOutput(value) && consumers.All(n => n.OpType == "GlobalAveragePool" || n.OpType == "ReduceMean" || (n.OpType == "Sub" && n.Input[0] == value));
        }
    }
}
