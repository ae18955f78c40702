namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// The self-guided filter (He, Sun and Tang, 2010): in each window a channel is fitted as a linear map of
    /// itself, with slope variance / (variance + epsilon). Where a window's variance is well below epsilon
    /// (skin pores, creases) the slope is near zero and the window flattens to its mean; where it is well above
    /// (the edge of an eye, a lip, a jaw) the slope is near one and the edge stays. Unlike a bilateral or
    /// Kuwahara filter it leaves no blotches on gradual shading.
    /// </summary>
    internal static class EdgePreservingSmoothing
    {
        /// <summary>Smooths RGB bytes in place of a copy.</summary>
        /// <param name="rgb">The picture.</param>
        /// <param name="width">Its width.</param>
        /// <param name="height">Its height.</param>
        /// <param name="radius">The window radius in pixels.</param>
        /// <param name="epsilon">The variance (channel values 0..1) below which detail is flattened.</param>
        /// <returns>The smoothed picture.</returns>
        public static byte[] Apply(byte[] rgb, int width, int height, int radius, float epsilon)
        {
            var n = width * height;
            var output = new byte[rgb.Length];
            for (var c = 0; c < 3; c++)
            {
                var channel = new float[n];
                for (var i = 0; i < n; i++)
                    channel[i] = rgb[(i * 3) + c] / 255f;
                var mean = BoxFilter.Mean(channel, width, height, radius);
                var meanOfSquares = BoxFilter.Mean(GuidedUpsampler.Multiply(channel, channel), width, height, radius);
                var slope = new float[n];
                var offset = new float[n];
                for (var i = 0; i < n; i++)
                {
                    var variance = meanOfSquares[i] - (mean[i] * mean[i]);
                    slope[i] = variance / (variance + epsilon);
                    offset[i] = mean[i] - (slope[i] * mean[i]);
                }

                slope = BoxFilter.Mean(slope, width, height, radius);
                offset = BoxFilter.Mean(offset, width, height, radius);
                for (var i = 0; i < n; i++)
                {
                    var value = ((slope[i] * channel[i]) + offset[i]) * 255f;
                    output[(i * 3) + c] = value <= 0f ? (byte)0 : value >= 255f ? (byte)255 : (byte)(value + 0.5f);
                }
            }

            return output;
        }
    }
}
