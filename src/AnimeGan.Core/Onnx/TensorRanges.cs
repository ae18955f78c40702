namespace AnimeGan.Core.Onnx
{
    /// <summary>Observed value ranges of named tensors, gathered by running a model on sample pictures.</summary>
    internal sealed class TensorRanges
    {
        private readonly Dictionary<string, (float Min, float Max)> _ranges = new Dictionary<string, (float, float)>(StringComparer.Ordinal);

        /// <summary>Widens the range of a tensor to include <paramref name="min"/>..<paramref name="max"/>.</summary>
        public void Observe(string name, float min, float max)
        {
            if (float.IsNaN(min) || float.IsNaN(max))
                return;
            _ranges[name] = _ranges.TryGetValue(name, out var known) ? (Math.Min(known.Min, min), Math.Max(known.Max, max)) : (min, max);
        }

        /// <summary>Gets the range of a tensor, if observed.</summary>
        public bool TryGet(string name, out (float Min, float Max) range) => _ranges.TryGetValue(name, out range);
    }
}
