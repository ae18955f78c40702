namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// Fast guided-filter upsampling (He and Sun, 2015). At the working size it fits, per small window, a
    /// linear map from the photo's luminance to each stylized channel; the maps are enlarged bilinearly and
    /// applied to the full-size photo's luminance. Flat stylized areas stay flat (the fit's slope is near
    /// zero there) while edges land where the full-size photo has them.
    /// </summary>
    internal static class GuidedUpsampler
    {
        /// <summary>The window radius at the working size, in pixels.</summary>
        public const int Radius = 2;

        /// <summary>
        /// The regulariser on luminance variance (luminance in 0..1). Smaller keeps more of the photo's
        /// fine structure; this value keeps edges crisp without bringing back photo texture.
        /// </summary>
        public const float Epsilon = 1e-3f;

        /// <summary>Upsamples <paramref name="styledSmall"/> to the size of <paramref name="guideFull"/>.</summary>
        /// <param name="guideSmall">The photo at the working size (what the model saw).</param>
        /// <param name="styledSmall">The model's output at the working size.</param>
        /// <param name="smallWidth">Working width.</param>
        /// <param name="smallHeight">Working height.</param>
        /// <param name="guideFull">The photo at full size.</param>
        /// <param name="width">Full width.</param>
        /// <param name="height">Full height.</param>
        /// <returns>Full-size stylized RGB.</returns>
        public static byte[] Upsample(byte[] guideSmall, byte[] styledSmall, int smallWidth, int smallHeight, byte[] guideFull, int width, int height)
        {
            var n = smallWidth * smallHeight;
            var luma = Luminance(guideSmall, n);
            var meanI = BoxFilter.Mean(luma, smallWidth, smallHeight, Radius);
            var meanII = BoxFilter.Mean(Multiply(luma, luma), smallWidth, smallHeight, Radius);

            var a = new float[3][];
            var b = new float[3][];
            for (var c = 0; c < 3; c++)
            {
                var p = new float[n];
                for (var i = 0; i < n; i++)
                    p[i] = styledSmall[(i * 3) + c] / 255f;
                var meanP = BoxFilter.Mean(p, smallWidth, smallHeight, Radius);
                var meanIP = BoxFilter.Mean(Multiply(luma, p), smallWidth, smallHeight, Radius);
                var ac = new float[n];
                var bc = new float[n];
                for (var i = 0; i < n; i++)
                {
                    var variance = meanII[i] - (meanI[i] * meanI[i]);
                    var covariance = meanIP[i] - (meanI[i] * meanP[i]);
                    ac[i] = covariance / (variance + Epsilon);
                    bc[i] = meanP[i] - (ac[i] * meanI[i]);
                }

                a[c] = BoxFilter.Mean(ac, smallWidth, smallHeight, Radius);
                b[c] = BoxFilter.Mean(bc, smallWidth, smallHeight, Radius);
            }

            var (x0, x1, wx) = Taps(smallWidth, width);
            var (y0, y1, wy) = Taps(smallHeight, height);
            var output = new byte[width * height * 3];
            Parallel.For(0, height, y =>
            {
                int r0 = y0[y] * smallWidth, r1 = y1[y] * smallWidth;
                var fy = wy[y];
                var row = y * width;
                for (var x = 0; x < width; x++)
                {
                    int i00 = r0 + x0[x], i01 = r0 + x1[x], i10 = r1 + x0[x], i11 = r1 + x1[x];
                    var fx = wx[x];
                    var o = (row + x) * 3;
                    var guide = ((0.299f * guideFull[o]) + (0.587f * guideFull[o + 1]) + (0.114f * guideFull[o + 2])) / 255f;
                    for (var c = 0; c < 3; c++)
                    {
                        var ac = a[c];
                        var bc = b[c];
                        var top = ac[i00] + ((ac[i01] - ac[i00]) * fx);
                        var bottom = ac[i10] + ((ac[i11] - ac[i10]) * fx);
                        var slope = top + ((bottom - top) * fy);
                        top = bc[i00] + ((bc[i01] - bc[i00]) * fx);
                        bottom = bc[i10] + ((bc[i11] - bc[i10]) * fx);
                        var offset = top + ((bottom - top) * fy);
                        var value = ((slope * guide) + offset) * 255f;
                        output[o + c] = value <= 0f ? (byte)0 : value >= 255f ? (byte)255 : (byte)(value + 0.5f);
                    }
                }
            });
            return output;
        }

        private static float[] Luminance(byte[] rgb, int n)
        {
            var luma = new float[n];
            for (var i = 0; i < n; i++)
                luma[i] = ((0.299f * rgb[i * 3]) + (0.587f * rgb[(i * 3) + 1]) + (0.114f * rgb[(i * 3) + 2])) / 255f;
            return luma;
        }

        internal static float[] Multiply(float[] x, float[] y)
        {
            var result = new float[x.Length];
            for (var i = 0; i < x.Length; i++)
                result[i] = x[i] * y[i];
            return result;
        }

        /// <summary>Bilinear source taps for each destination coordinate (pixel centres aligned).</summary>
        private static (int[] Low, int[] High, float[] Weight) Taps(int small, int large)
        {
            var low = new int[large];
            var high = new int[large];
            var weight = new float[large];
            var scale = (float)small / large;
            for (var i = 0; i < large; i++)
            {
                var position = ((i + 0.5f) * scale) - 0.5f;
                if (position < 0f)
                    position = 0f;
                var l = Math.Min((int)position, small - 1);
                low[i] = l;
                high[i] = Math.Min(l + 1, small - 1);
                weight[i] = position - l;
            }

            return (low, high, weight);
        }
    }
}
