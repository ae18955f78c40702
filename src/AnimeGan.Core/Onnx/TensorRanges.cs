using System.Numerics.Tensors;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// The ranges of named tensors seen while running a model on sample pictures, with the outermost values clipped:
    /// a handful of extreme activations (a hot pixel, a hard edge) would otherwise stretch a uint8 scale over values
    /// nearly nothing uses and coarsen every other step.
    /// </summary>
    internal sealed class TensorRanges
    {
        /// <summary>
        /// The share of a large tensor's values, at each end, left outside its range and clipped when quantized: one in
        /// 10,000, the best or nearly the best for every style of those measured (docs/optimizer.md compares plain minimum
        /// and maximum and tails from one in a million to one in a thousand).
        /// </summary>
        public const double DefaultClippedTail = 1e-4;

        /// <summary>Picks, per tensor, the clipped share among <see cref="LeastErrorCandidates"/> whose uint8 steps give its values the least squared error.</summary>
        public const double LeastError = -1;

        private const int Bins = 4096;
        private static readonly double[] LeastErrorCandidates = { 0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2 };
        private const int SmallTensor = 4096;
        private readonly Dictionary<string, (float Min, float Max)> _ranges = new Dictionary<string, (float, float)>(StringComparer.Ordinal);
        private readonly Dictionary<string, long[]> _shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        private readonly double _clippedTail;

        /// <param name="clippedTail">The share of values clipped at each end of a large tensor; 0 keeps the plain minimum and maximum.</param>
        public TensorRanges(double clippedTail = DefaultClippedTail) => _clippedTail = clippedTail;

        /// <summary>Widens a tensor's range to hold this sample's values, less the clipped tails of a large tensor.</summary>
        public void Observe(string name, ReadOnlySpan<float> values, long[] shape)
        {
            if (values.Length == 0)
                return;
            var (min, max) = values.Length < SmallTensor || _clippedTail == 0 ? (TensorPrimitives.Min(values), TensorPrimitives.Max(values)) : ClippedRange(values, _clippedTail);
            if (float.IsNaN(min) || float.IsNaN(max))
                return;
            _ranges[name] = _ranges.TryGetValue(name, out var known) ? (Math.Min(known.Min, min), Math.Max(known.Max, max)) : (min, max);
            _shapes[name] = shape;
        }

        /// <summary>Gets the range of a tensor, if observed.</summary>
        public bool TryGet(string name, out (float Min, float Max) range) => _ranges.TryGetValue(name, out range);

        /// <summary>Whether a tensor is a picture-sized activation (rank 4, more than one pixel), not a per-channel statistic or a shape.</summary>
        public bool IsActivation(string name)
            => _shapes.TryGetValue(name, out var shape) && shape.Length == 4 && shape.Skip(1).Count(d => d > 1) >= 2;

        /// <summary>Gets the channel count (second dimension) a tensor had, or 0 when it was not observed.</summary>
        public long Channels(string name) => _shapes.TryGetValue(name, out var shape) && shape.Length > 1 ? shape[1] : 0;

        /// <summary>Gets the rank a tensor had, or 0 when it was not observed.</summary>
        public int Rank(string name) => _shapes.TryGetValue(name, out var shape) ? shape.Length : 0;

        private static (float Min, float Max) ClippedRange(ReadOnlySpan<float> values, double clippedTail)
        {
            var min = TensorPrimitives.Min(values);
            var max = TensorPrimitives.Max(values);
            if (!(max > min))
                return (min, max);
            var counts = new long[Bins];
            var perBin = Bins / (max - min);
            foreach (var value in values)
                counts[Math.Min(Bins - 1, (int)((value - min) * perBin))]++;
            if (clippedTail != LeastError)
                return Clip(counts, min, perBin, (long)(values.Length * clippedTail));
            var best = (min, max);
            var bestError = double.MaxValue;
            foreach (var tail in LeastErrorCandidates)
            {
                var range = Clip(counts, min, perBin, (long)(values.Length * tail));
                var error = SquaredError(counts, min, perBin, range);
                if (error < bestError)
                    (best, bestError) = (range, error);
            }

            return best;
        }

        /// <summary>The range left when the given number of values is dropped at each end of the histogram, in whole bins.</summary>
        private static (float Min, float Max) Clip(long[] counts, float min, float perBin, long tail)
        {
            int low = 0, high = Bins - 1;
            for (var seen = counts[0]; seen <= tail && low < Bins - 1; seen += counts[low])
                low++;
            for (var seen = counts[Bins - 1]; seen <= tail && high > 0; seen += counts[high])
                high--;
            return high <= low ? (min, min + (Bins / perBin)) : (min + (low / perBin), min + ((high + 1) / perBin));
        }

        /// <summary>
        /// The summed squared error uint8 quantization over a range gives the histogram's values: a uniform rounding
        /// error (step squared over 12) inside, the distance to the edge outside.
        /// </summary>
        private static double SquaredError(long[] counts, float min, float perBin, (float Min, float Max) range)
        {
            var low = Math.Min(0f, range.Min);
            var high = Math.Max(0f, range.Max);
            var step = (high - low) / 255.0;
            var rounding = step * step / 12;
            var error = 0.0;
            for (var bin = 0; bin < Bins; bin++)
            {
                if (counts[bin] == 0)
                    continue;
                var centre = min + ((bin + 0.5) / perBin);
                var outside = centre < low ? low - centre : centre > high ? centre - high : 0;
                error += counts[bin] * (outside > 0 ? outside * outside : rounding);
            }

            return error;
        }
    }
}
