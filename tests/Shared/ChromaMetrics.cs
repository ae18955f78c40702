namespace AnimeGan.Tests
{
    /// <summary>Colour measures on raw RGB bytes (no engine types, so the PowerShell tests can use them too).</summary>
    internal static class ChromaMetrics
    {
        /// <summary>Mean distance between two pictures' chroma (R - Y, B - Y with BT.601 luma), brightness left out.</summary>
        public static double MeanDifference(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
                throw new ArgumentException("The pictures differ in size.", nameof(b));
            double sum = 0;
            for (var i = 0; i < a.Length; i += 3)
            {
                var lumaA = (0.299 * a[i]) + (0.587 * a[i + 1]) + (0.114 * a[i + 2]);
                var lumaB = (0.299 * b[i]) + (0.587 * b[i + 1]) + (0.114 * b[i + 2]);
                var red = (a[i] - lumaA) - (b[i] - lumaB);
                var blue = (a[i + 2] - lumaA) - (b[i + 2] - lumaB);
                sum += Math.Sqrt((red * red) + (blue * blue));
            }

            return sum / (a.Length / 3);
        }
    }
}
