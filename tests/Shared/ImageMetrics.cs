namespace AnimeGan.Tests
{
    /// <summary>Numbers that say whether a stylized picture is still the same picture.</summary>
    internal static class ImageMetrics
    {
        /// <summary>Mean absolute difference per channel value, 0..255.</summary>
        public static double MeanAbsoluteDifference(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
                throw new ArgumentException("Sizes differ.");
            long sum = 0;
            for (var i = 0; i < a.Length; i++)
                sum += Math.Abs(a[i] - b[i]);
            return (double)sum / a.Length;
        }

        /// <summary>Peak signal-to-noise ratio in dB over all RGB values (infinity for identical pictures).</summary>
        public static double Psnr(byte[] a, byte[] b)
        {
            double sum = 0;
            for (var i = 0; i < a.Length; i++)
            {
                var d = a[i] - b[i];
                sum += d * d;
            }

            var mse = sum / a.Length;
            return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
        }

        /// <summary>Mean structural similarity of the luminance (the engine's own measure).</summary>
        public static double Ssim(PixelImage a, PixelImage b) => StructuralSimilarity.Mean(a, b);

        /// <summary>Pearson correlation of the Sobel gradient magnitudes of two pictures' luminance.</summary>
        public static double EdgeCorrelation(PixelImage a, PixelImage b)
        {
            if (a.Width != b.Width || a.Height != b.Height)
                throw new ArgumentException("Sizes differ.");
            return Correlation(Sobel(Luma(a), a.Width, a.Height), Sobel(Luma(b), b.Width, b.Height));
        }

        /// <summary>Pearson correlation of two pictures' luminance.</summary>
        public static double LuminanceCorrelation(PixelImage a, PixelImage b) => Correlation(Luma(a), Luma(b));

        public static double[] Luma(PixelImage p)
        {
            var n = p.Width * p.Height;
            var luma = new double[n];
            for (var i = 0; i < n; i++)
                luma[i] = (0.299 * p.Rgb[i * 3]) + (0.587 * p.Rgb[(i * 3) + 1]) + (0.114 * p.Rgb[(i * 3) + 2]);
            return luma;
        }

        public static double[] Sobel(double[] l, int w, int h)
        {
            var g = new double[w * h];
            for (var y = 1; y < h - 1; y++)
            {
                for (var x = 1; x < w - 1; x++)
                {
                    double At(int dx, int dy) => l[((y + dy) * w) + x + dx];
                    var gx = At(1, -1) + (2 * At(1, 0)) + At(1, 1) - At(-1, -1) - (2 * At(-1, 0)) - At(-1, 1);
                    var gy = At(-1, 1) + (2 * At(0, 1)) + At(1, 1) - At(-1, -1) - (2 * At(0, -1)) - At(1, -1);
                    g[(y * w) + x] = Math.Sqrt((gx * gx) + (gy * gy));
                }
            }

            return g;
        }

        public static double Correlation(double[] x, double[] y)
        {
            double mx = 0, my = 0;
            for (var i = 0; i < x.Length; i++)
            {
                mx += x[i];
                my += y[i];
            }

            mx /= x.Length;
            my /= y.Length;
            double sxy = 0, sxx = 0, syy = 0;
            for (var i = 0; i < x.Length; i++)
            {
                sxy += (x[i] - mx) * (y[i] - my);
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
            }

            return sxy / Math.Sqrt(sxx * syy);
        }
    }
}
