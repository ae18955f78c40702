namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// How alike two pictures look, as the mean structural similarity (SSIM) of their luminance: what the optimizer
    /// uses to tell whether a variant's output still looks like its style's, where a plain pixel difference would
    /// count a slight overall shift as much as lost detail.
    /// </summary>
    public static class StructuralSimilarity
    {
        /// <summary>Gets the mean SSIM over 8x8 windows (stride 4) with the constants of Wang et al.: 1 for equal pictures, lower as structure differs.</summary>
        /// <exception cref="ArgumentException">The pictures differ in size or are smaller than 8x8.</exception>
        public static double Mean(PixelImage a, PixelImage b)
        {
            Throw.IfNull(a);
            Throw.IfNull(b);
            if (a.Width != b.Width || a.Height != b.Height || a.Width < 8 || a.Height < 8)
                throw new ArgumentException($"SSIM needs two pictures of one size, at least 8x8 ({a.Width}x{a.Height} and {b.Width}x{b.Height}).", nameof(b));
            var x = Luma(a);
            var y = Luma(b);
            const double c1 = (0.01 * 255) * (0.01 * 255);
            const double c2 = (0.03 * 255) * (0.03 * 255);
            double total = 0;
            var windows = 0;
            for (var top = 0; top + 8 <= a.Height; top += 4)
            {
                for (var left = 0; left + 8 <= a.Width; left += 4)
                {
                    var (mx, my) = (WindowMean(x, a.Width, top, left), WindowMean(y, a.Width, top, left));
                    double vx = 0, vy = 0, cov = 0;
                    for (var j = 0; j < 8; j++)
                    {
                        for (var i = 0; i < 8; i++)
                        {
                            var dx = x[((top + j) * a.Width) + left + i] - mx;
                            var dy = y[((top + j) * a.Width) + left + i] - my;
                            vx += dx * dx;
                            vy += dy * dy;
                            cov += dx * dy;
                        }
                    }

                    vx /= 63;
                    vy /= 63;
                    cov /= 63;
                    total += ((2 * mx * my) + c1) * ((2 * cov) + c2) / (((mx * mx) + (my * my) + c1) * (vx + vy + c2));
                    windows++;
                }
            }

            return total / windows;
        }

        private static double WindowMean(double[] luma, int width, int top, int left)
        {
            double sum = 0;
            for (var j = 0; j < 8; j++)
            {
                for (var i = 0; i < 8; i++)
                    sum += luma[((top + j) * width) + left + i];
            }

            return sum / 64;
        }

        private static double[] Luma(PixelImage picture)
        {
            var luma = new double[picture.Width * picture.Height];
            for (var i = 0; i < luma.Length; i++)
                luma[i] = (0.299 * picture.Rgb[i * 3]) + (0.587 * picture.Rgb[(i * 3) + 1]) + (0.114 * picture.Rgb[(i * 3) + 2]);
            return luma;
        }
    }
}
