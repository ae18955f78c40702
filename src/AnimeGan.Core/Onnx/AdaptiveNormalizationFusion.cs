using AnimeGan.Core.Onnx.Proto;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// Rewrites the AnimeGANv3 generators' written-out adaptive normalization. The TensorFlow export computes,
    /// per channel, <c>(a - mean(a)) / std(a) * std(b) + mean(b)</c> (b is a 1x1 convolution of a) as
    /// GlobalAveragePool, Sub, Mul, GlobalAveragePool, Add, Sqrt for each statistic, then Reshapes both standard
    /// deviations to NHWC and Transposes the full activation to NHWC and back around the Div and Mul. The rewrite
    /// keeps the statistics and computes <c>(a - mean(a)) * (std(b) / std(a)) + mean(b)</c> in NCHW: the ratio is
    /// one value per channel, so two full-size Transposes and a full-size Div go, and ONNX Runtime's blocked
    /// layout is no longer broken in the middle of each block.
    /// </summary>
    internal static class AdaptiveNormalizationFusion
    {
        /// <summary>Applies the rewrite wherever the pattern is found; returns how many blocks were rewritten.</summary>
        public static int Apply(GraphEdits edits)
        {
            var rewritten = 0;
            foreach (var div in edits.Graph.Node.Where(n => n.OpType == "Div" && OnnxDomain.IsDefault(n)).ToList())
            {
                var match = Match(edits, div);
                if (match == null)
                    continue;
                var (centred, stdA, stdB, meanB, output) = match.Value;
                var stem = edits.FreshName(output + "_adaptive");
                edits.Add("Div", stem + "_ratio", stem + "_ratio", stdB, stdA);
                edits.Add("Mul", stem + "_scaled", stem + "_scaled", centred, stem + "_ratio");
                var result = stem + "_shifted";
                edits.Add("Add", result, result, stem + "_scaled", meanB);
                edits.Reindex();
                edits.Rewire(output, result);
                rewritten++;
            }

            return rewritten;
        }

        /// <summary>
        /// Div(Transpose(a - mean a), Reshape(std a)) -> Mul(·, Reshape(std b)) -> Transpose -> Add(·, mean b).
        /// </summary>
        private static (string Centred, string StdA, string StdB, string MeanB, string Output)? Match(GraphEdits edits, NodeProto div)
        {
            var toNhwc = edits.Producer(div.Input[0], "Transpose");
            if (toNhwc == null || !HasPerm(toNhwc, 0, 2, 3, 1))
                return null;
            var centred = toNhwc.Input[0];
            var meanA = CentredMean(edits, centred);
            var stdA = StdOfReshaped(edits, div.Input[1], centred);
            if (meanA == null || stdA == null)
                return null;

            var mul = edits.SoleConsumer(div.Output[0], "Mul");
            if (mul == null)
                return null;
            var otherInput = mul.Input[0] == div.Output[0] ? mul.Input[1] : mul.Input[0];
            var reshapeB = edits.Producer(otherInput, "Reshape");
            var sqrtB = reshapeB == null ? null : edits.Producer(reshapeB.Input[0], "Sqrt");
            var varianceInputB = sqrtB == null ? null : VarianceInput(edits, sqrtB.Input[0]);
            var meanB = varianceInputB == null ? null : CentredMean(edits, varianceInputB);
            if (meanB == null || !IsPerChannelReshape(edits, reshapeB!))
                return null;

            var toNchw = edits.SoleConsumer(mul.Output[0], "Transpose");
            if (toNchw == null || !HasPerm(toNchw, 0, 3, 1, 2))
                return null;
            var add = edits.SoleConsumer(toNchw.Output[0], "Add");
            if (add == null || !add.Input.Contains(meanB))
                return null;
            return (centred, edits.Producer(div.Input[1], "Reshape")!.Input[0], sqrtB!.Output[0], meanB, add.Output[0]);
        }

        /// <summary>For <c>x - GlobalAveragePool(x)</c>, gets the mean's value name.</summary>
        private static string? CentredMean(GraphEdits edits, string centred)
        {
            var sub = edits.Producer(centred, "Sub");
            var mean = sub == null ? null : edits.Producer(sub.Input[1], "GlobalAveragePool");
            return mean != null && mean.Input[0] == sub!.Input[0] ? mean.Output[0] : null;
        }

        /// <summary>For Reshape(Sqrt(variance of <paramref name="centred"/> + eps)), gets the Sqrt's value name.</summary>
        private static string? StdOfReshaped(GraphEdits edits, string reshaped, string centred)
        {
            var reshape = edits.Producer(reshaped, "Reshape");
            var sqrt = reshape == null ? null : edits.Producer(reshape.Input[0], "Sqrt");
            return sqrt != null && IsPerChannelReshape(edits, reshape!) && VarianceInput(edits, sqrt.Input[0]) == centred ? sqrt.Output[0] : null;
        }

        /// <summary>For GlobalAveragePool(d * d) + eps, gets d.</summary>
        private static string? VarianceInput(GraphEdits edits, string varianceWithEpsilon)
        {
            var add = edits.Producer(varianceWithEpsilon, "Add");
            if (add == null)
                return null;
            var epsilon = add.Input.Select(edits.Initializer).FirstOrDefault(t => t != null);
            var pool = add.Input.Select(i => edits.Producer(i, "GlobalAveragePool")).FirstOrDefault(p => p != null);
            if (epsilon == null || pool == null || TensorValues.Floats(epsilon)?.Length != 1)
                return null;
            var square = edits.Producer(pool.Input[0], "Mul");
            return square != null && square.Input[0] == square.Input[1] ? square.Input[0] : null;
        }

        /// <summary>The statistics are [N, C, 1, 1]; the export reshapes them to [N, 1, 1, C] (N written as 1 or -1) for its NHWC Div and Mul.</summary>
        private static bool IsPerChannelReshape(GraphEdits edits, NodeProto reshape)
        {
            var shape = edits.Initializer(reshape.Input[1]);
            var dims = shape == null ? null : TensorValues.Int64s(shape);
            return dims != null && dims.Length == 4 && (dims[0] == 1 || dims[0] == -1) && dims[1] == 1 && dims[2] == 1 && dims[3] > 0;
        }

        private static bool HasPerm(NodeProto transpose, params long[] perm)
        {
            var attribute = transpose.Attribute.FirstOrDefault(a => a.Name == "perm");
            return attribute != null && attribute.Ints.SequenceEqual(perm);
        }
    }
}
