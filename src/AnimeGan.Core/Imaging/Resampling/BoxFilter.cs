namespace AnimeGan.Core.Imaging
{
    /// <summary>The box mean the guided filters are built from.</summary>
    internal static class BoxFilter
    {
        /// <summary>Mean over a (2r+1)² window, shrunk at the borders, as two running sums.</summary>
        public static float[] Mean(float[] values, int width, int height, int radius)
        {
            var horizontal = new float[values.Length];
            Parallel.For(0, height, y =>
            {
                var row = y * width;
                for (var x = 0; x < width; x++)
                {
                    int from = Math.Max(0, x - radius), to = Math.Min(width - 1, x + radius);
                    var sum = 0f;
                    for (var k = from; k <= to; k++)
                        sum += values[row + k];
                    horizontal[row + x] = sum / (to - from + 1);
                }
            });

            var result = new float[values.Length];
            Parallel.For(0, height, y =>
            {
                int from = Math.Max(0, y - radius), to = Math.Min(height - 1, y + radius);
                var count = to - from + 1;
                for (var x = 0; x < width; x++)
                {
                    var sum = 0f;
                    for (var k = from; k <= to; k++)
                        sum += horizontal[(k * width) + x];
                    result[(y * width) + x] = sum / count;
                }
            });

            return result;
        }
    }
}
