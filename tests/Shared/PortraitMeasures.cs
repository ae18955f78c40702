using AnimeGan.Core.Faces;

namespace AnimeGan.Tests
{
    /// <summary>
    /// What a converted portrait did to each face, by the four measures of docs/faces.md: how far the
    /// features moved, how busy the cheeks became, how far the skin colour went, and how much the face
    /// changed at all (a face that barely changed was blurred, not stylized).
    /// </summary>
    /// <param name="Drift">Mean distance of the five landmarks, photo to output, over the eye distance.</param>
    /// <param name="CheekTexture">Mean Sobel magnitude of luma on both cheeks, output over photo.</param>
    /// <param name="CheekColorShift">Mean absolute difference of the cheeks' mean R, G and B (0..255).</param>
    /// <param name="FaceChange">Mean absolute difference over the centre 60 % of the face box (0..255).</param>
    internal sealed record PortraitMeasures(double Drift, double CheekTexture, double CheekColorShift, double FaceChange)
    {
        /// <summary>The targets a default conversion meets on every shared portrait.</summary>
        public const double MaxMedianDrift = 0.05, MaxDrift = 0.10, MaxCheekTexture = 0.8, MaxCheekColorShift = 15, MinFaceChange = 12;

        /// <summary>Whether one face meets every per-face target (the median drift is a target over a set).</summary>
        public bool MeetsTargets => Drift <= MaxDrift && CheekTexture <= MaxCheekTexture && CheekColorShift <= MaxCheekColorShift && FaceChange >= MinFaceChange;

        /// <summary>
        /// Measures every face found in <paramref name="photoFaces"/> against the nearest face found in the
        /// output; a face the detector no longer finds in the output (within half its eye distance) is null.
        /// </summary>
        public static IReadOnlyList<PortraitMeasures?> Of(PixelImage photo, IReadOnlyList<DetectedFace> photoFaces, PixelImage output, IReadOnlyList<DetectedFace> outputFaces)
        {
            var photoLuma = Luma(photo);
            var outputLuma = Luma(output);
            var result = new List<PortraitMeasures?>();
            foreach (var face in photoFaces)
            {
                var eyes = Distance(face.LeftEye, face.RightEye);
                var match = outputFaces.OrderBy(f => Distance(f.Nose, face.Nose)).FirstOrDefault();
                if (match == null || Distance(match.Nose, face.Nose) > eyes / 2)
                {
                    result.Add(null);
                    continue;
                }

                var drift = face.Landmarks.Zip(match.Landmarks, Distance).Average() / eyes;
                double texturePhoto = 0, textureOutput = 0, colorShift = 0;
                foreach (var patch in Cheeks(face, eyes))
                {
                    texturePhoto += MeanSobel(photoLuma, photo.Width, photo.Height, patch);
                    textureOutput += MeanSobel(outputLuma, output.Width, output.Height, patch);
                    var a = MeanRgb(photo, patch);
                    var b = MeanRgb(output, patch);
                    colorShift += (Math.Abs(a[0] - b[0]) + Math.Abs(a[1] - b[1]) + Math.Abs(a[2] - b[2])) / 3 / 2;
                }

                var centre = new Rect(
                    (int)(face.Box.X + (face.Box.Width * 0.2f)),
                    (int)(face.Box.Y + (face.Box.Height * 0.2f)),
                    (int)(face.Box.Width * 0.6f),
                    (int)(face.Box.Height * 0.6f));
                result.Add(new PortraitMeasures(drift, textureOutput / texturePhoto, colorShift, MeanDifference(photo, output, centre)));
            }

            return result;
        }

        /// <summary>
        /// The two cheek squares (side 0.36 x the eye distance): below each eye at the nose tip's height, 15 %
        /// of the way from the eye towards the nose and 5 % of the eye distance outwards.
        /// </summary>
        public static IEnumerable<Rect> Cheeks(DetectedFace face, double eyes)
        {
            var side = (int)Math.Round(0.36 * eyes);
            foreach (var (eye, outwards) in new[] { (face.LeftEye, -1), (face.RightEye, 1) })
            {
                var x = eye.X + (0.15 * (face.Nose.X - eye.X)) + (outwards * 0.05 * eyes);
                var y = face.Nose.Y;
                yield return new Rect((int)Math.Round(x - (side / 2.0)), (int)Math.Round(y - (side / 2.0)), side, side);
            }
        }

        private static double MeanSobel(float[] luma, int width, int height, Rect patch)
        {
            double sum = 0;
            var count = 0;
            foreach (var (x, y) in patch.Pixels(width, height))
            {
                if (x < 1 || y < 1 || x >= width - 1 || y >= height - 1)
                    continue;
                float At(int dx, int dy) => luma[((y + dy) * width) + x + dx];
                var gx = At(1, -1) + (2 * At(1, 0)) + At(1, 1) - At(-1, -1) - (2 * At(-1, 0)) - At(-1, 1);
                var gy = At(-1, 1) + (2 * At(0, 1)) + At(1, 1) - At(-1, -1) - (2 * At(0, -1)) - At(1, -1);
                sum += Math.Sqrt((gx * gx) + (gy * gy));
                count++;
            }

            return count == 0 ? 0 : sum / count;
        }

        private static double[] MeanRgb(PixelImage image, Rect patch)
        {
            var sums = new double[3];
            var count = 0;
            foreach (var (x, y) in patch.Pixels(image.Width, image.Height))
            {
                var o = ((y * image.Width) + x) * 3;
                for (var c = 0; c < 3; c++)
                    sums[c] += image.Rgb[o + c];
                count++;
            }

            return sums.Select(s => count == 0 ? 0 : s / count).ToArray();
        }

        private static double MeanDifference(PixelImage a, PixelImage b, Rect area)
        {
            long sum = 0;
            var count = 0;
            foreach (var (x, y) in area.Pixels(a.Width, a.Height))
            {
                var o = ((y * a.Width) + x) * 3;
                for (var c = 0; c < 3; c++)
                    sum += Math.Abs(a.Rgb[o + c] - b.Rgb[o + c]);
                count += 3;
            }

            return count == 0 ? 0 : (double)sum / count;
        }

        private static float[] Luma(PixelImage image)
        {
            var luma = new float[image.Width * image.Height];
            for (var i = 0; i < luma.Length; i++)
                luma[i] = (0.299f * image.Rgb[i * 3]) + (0.587f * image.Rgb[(i * 3) + 1]) + (0.114f * image.Rgb[(i * 3) + 2]);
            return luma;
        }

        private static double Distance(FacePoint a, FacePoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

        /// <summary>A pixel rectangle, clipped to the picture when walked.</summary>
        internal readonly record struct Rect(int X, int Y, int Width, int Height)
        {
            public IEnumerable<(int X, int Y)> Pixels(int width, int height)
            {
                for (var y = Math.Max(0, Y); y < Math.Min(height, Y + Height); y++)
                {
                    for (var x = Math.Max(0, X); x < Math.Min(width, X + Width); x++)
                        yield return (x, y);
                }
            }
        }
    }
}
