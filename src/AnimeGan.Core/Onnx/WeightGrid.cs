namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// The int8 step a weight channel uses. A model whose weights were int8 values dequantized to float (hayao-v2 came
    /// from a fully integer TFLite file) already sits on a grid; rounding it again to <c>max / 127</c> lands most values
    /// between the first rounding's steps and adds a second error. When every value of the channel is a whole multiple
    /// of one step (the smallest gap between its distinct values) within int8's range, that step is kept and the
    /// values are represented exactly.
    /// </summary>
    internal static class WeightGrid
    {
        /// <summary>How far from a whole multiple of the step a value may be (in steps) and still be on the grid: float32 rounding of <c>k * step</c>.</summary>
        private const double Tolerance = 1e-3;

        /// <summary>Gets the symmetric int8 scale for one output channel's weights.</summary>
        /// <param name="values">The channel's weights.</param>
        /// <param name="onExistingGrid">Whether the scale is the grid the values already sit on (exact), rather than <c>max / 127</c>.</param>
        public static float Scale(ReadOnlySpan<float> values, out bool onExistingGrid)
        {
            onExistingGrid = false;
            var max = 0f;
            foreach (var value in values)
                max = Math.Max(max, Math.Abs(value));
            if (max == 0)
                return 1f;
            var grid = ExistingStep(values, max);
            onExistingGrid = grid != null;
            return grid ?? max / 127f;
        }

        private static float? ExistingStep(ReadOnlySpan<float> values, float max)
        {
            var distinct = new SortedSet<float>();
            foreach (var value in values)
                distinct.Add(value);
            if (distinct.Count < 3)
                return null;
            var step = float.MaxValue;
            float? previous = null;
            foreach (var value in distinct)
            {
                if (previous != null)
                    step = Math.Min(step, value - previous.Value);
                previous = value;
            }

            if (!(step > 0) || max / step > 127.5)
                return null;
            foreach (var value in values)
            {
                var multiple = value / (double)step;
                if (Math.Abs(multiple - Math.Round(multiple)) > Tolerance)
                    return null;
            }

            return step;
        }
    }
}
