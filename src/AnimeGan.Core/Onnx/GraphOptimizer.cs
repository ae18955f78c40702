using AnimeGan.Core.Onnx.Proto;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// Rewrites a style generator into a graph ONNX Runtime runs faster on a CPU, computing the same picture:
    /// float16 widened to float32 (x86 has few float16 kernels), no-op Pads and Casts removed, and the AnimeGANv3
    /// adaptive normalization computed without its NHWC detour. ONNX Runtime's own optimizer runs on top of this
    /// at load; these are the patterns it does not rewrite. Measured in docs/optimizer.md.
    /// </summary>
    internal static class GraphOptimizer
    {
        /// <summary>
        /// Changes whenever a pass changes what it writes, so graphs cached by an older version are made again.
        /// </summary>
        public const int Version = 1;

        /// <summary>Returns the optimized copy of a model (the original is not changed) and what was done to it.</summary>
        public static (ModelProto Model, IReadOnlyList<string> Passes) Optimize(ModelProto model)
        {
            Throw.IfNull(model);
            var passes = new List<string>();
            var result = model.Clone();
            if (Float16ToFloat32.UsesFloat16(result))
            {
                result = Float16ToFloat32.Convert(result);
                passes.Add("float16 widened to float32");
            }

            var edits = new GraphEdits(result.Graph);
            Count(passes, NoOpRemoval.RemoveIdentityCasts(edits), "casts to the same type removed");
            Count(passes, NoOpRemoval.RemoveZeroPads(edits), "zero pads removed");
            Count(passes, AdaptiveNormalizationFusion.Apply(edits), "adaptive normalizations computed in NCHW");
            edits.SortTopologically();
            edits.Prune();
            return (result, passes);
        }

        private static void Count(List<string> passes, int count, string what)
        {
            if (count > 0)
                passes.Add($"{count} {what}");
        }
    }
}
