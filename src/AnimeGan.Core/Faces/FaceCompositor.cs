namespace AnimeGan.Core.Faces
{
    /// <summary>
    /// face2paint: each face is cut out of the photo upright at the size the model does faces best, stylized
    /// there, colour-matched to the stylized surroundings along its border and blended back through a
    /// feathered mask. Pixels outside every mask are left exactly as the plain pass made them.
    /// </summary>
    internal static class FaceCompositor
    {
        /// <summary>Enhances every face in <paramref name="styled"/> (full-size stylized RGB, changed in place).</summary>
        /// <returns>The faces that were large enough to enhance.</returns>
        public static IReadOnlyList<DetectedFace> Apply(PixelImage source, byte[] styled, IEnumerable<DetectedFace> faces, StyleModel model, CancellationToken cancellationToken)
        {
            var size = CropSizeFor(model);
            var enhanced = new List<DetectedFace>();
            foreach (var face in faces.Where(f => f.Box.Width >= FaceGeometry.MinimumFaceSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var toCrop = ToCrop(face, size);
                var crop = Warp(source.Rgb, source.Width, source.Height, toCrop.Invert(), size);
                var styledCrop = model.Run(crop, size, size, cancellationToken);
                Blend(styled, source.Width, source.Height, styledCrop, size, toCrop);
                enhanced.Add(face);
            }

            return enhanced;
        }

        /// <summary>The crop side for a model: <see cref="FaceGeometry.CropSize"/> rounded down to its size multiple.</summary>
        public static int CropSizeFor(StyleModel model)
            => Math.Max(model.SizeMultiple * WorkingSize.MinimumMultiples, FaceGeometry.CropSize / model.SizeMultiple * model.SizeMultiple);

        /// <summary>The transform from source pixels to crop pixels for one face.</summary>
        public static SimilarityTransform ToCrop(DetectedFace face, int size)
            => SimilarityTransform.Estimate(face.Landmarks, FaceGeometry.Template.Select(p => new FacePoint(p.X * size, p.Y * size)).ToArray());

        /// <summary>The blend weight the face puts on each pixel of a picture of the given size (for checks and tests).</summary>
        public static float[] MaskOf(DetectedFace face, int width, int height, int size)
            => Map(face, width, height, size, FaceGeometry.Mask);

        /// <summary>The mask-ellipse radius of each pixel for one face (0.7 where feathering starts, 1 where it ends).</summary>
        public static float[] RadiusOf(DetectedFace face, int width, int height, int size)
            => Map(face, width, height, size, FaceGeometry.EllipseRadius);

        private static float[] Map(DetectedFace face, int width, int height, int size, Func<float, float, float> function)
        {
            var toCrop = ToCrop(face, size);
            var values = new float[width * height];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var p = toCrop.Apply(x, y);
                    values[(y * width) + x] = function(p.X / size, p.Y / size);
                }
            }

            return values;
        }

        /// <summary>Samples the crop from the source; outside the picture the border pixels repeat.</summary>
        private static byte[] Warp(byte[] rgb, int width, int height, SimilarityTransform cropToSource, int size)
        {
            var crop = new byte[size * size * 3];
            System.Threading.Tasks.Parallel.For(0, size, v =>
            {
                for (var u = 0; u < size; u++)
                {
                    var p = cropToSource.Apply(u, v);
                    Sample(rgb, width, height, p.X, p.Y, crop, ((v * size) + u) * 3);
                }
            });
            return crop;
        }

        private static void Blend(byte[] styled, int width, int height, byte[] face, int size, SimilarityTransform toCrop)
        {
            var toSource = toCrop.Invert();
            var corners = new[] { toSource.Apply(0, 0), toSource.Apply(size, 0), toSource.Apply(0, size), toSource.Apply(size, size) };
            var left = Math.Max(0, (int)Math.Floor(corners.Min(c => c.X)));
            var right = Math.Min(width - 1, (int)Math.Ceiling(corners.Max(c => c.X)));
            var top = Math.Max(0, (int)Math.Floor(corners.Min(c => c.Y)));
            var bottom = Math.Min(height - 1, (int)Math.Ceiling(corners.Max(c => c.Y)));
            if (left > right || top > bottom)
                return;

            // Colour match: along the feathered ring both passes should agree, so shift the face pass by
            // the mean difference measured there.
            var sums = new double[6];
            double ringWeight = 0;
            var sample = new byte[3];
            for (var y = top; y <= bottom; y++)
            {
                for (var x = left; x <= right; x++)
                {
                    var p = toCrop.Apply(x, y);
                    var m = FaceGeometry.Mask(p.X / size, p.Y / size);
                    if (m <= 0f || m >= 1f)
                        continue;
                    var w = m * (1 - m);
                    Sample(face, size, size, p.X, p.Y, sample, 0);
                    var o = ((y * width) + x) * 3;
                    for (var c = 0; c < 3; c++)
                    {
                        sums[c] += w * styled[o + c];
                        sums[3 + c] += w * sample[c];
                    }

                    ringWeight += w;
                }
            }

            var shift = new float[3];
            if (ringWeight > 0)
            {
                for (var c = 0; c < 3; c++)
                    shift[c] = (float)((sums[c] - sums[3 + c]) / ringWeight);
            }

            System.Threading.Tasks.Parallel.For(top, bottom + 1, y =>
            {
                var pixel = new byte[3];
                for (var x = left; x <= right; x++)
                {
                    var p = toCrop.Apply(x, y);
                    var m = FaceGeometry.Mask(p.X / size, p.Y / size);
                    if (m <= 0f)
                        continue;
                    Sample(face, size, size, p.X, p.Y, pixel, 0);
                    var o = ((y * width) + x) * 3;
                    for (var c = 0; c < 3; c++)
                    {
                        var value = (styled[o + c] * (1 - m)) + ((pixel[c] + shift[c]) * m);
                        styled[o + c] = value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)(value + 0.5f);
                    }
                }
            });
        }

        /// <summary>Bilinear sample with clamped coordinates into <paramref name="target"/> at <paramref name="offset"/>.</summary>
        private static void Sample(byte[] rgb, int width, int height, float x, float y, byte[] target, int offset)
        {
            x = Math.Min(Math.Max(x, 0f), width - 1);
            y = Math.Min(Math.Max(y, 0f), height - 1);
            var x0 = (int)x;
            var y0 = (int)y;
            var x1 = Math.Min(x0 + 1, width - 1);
            var y1 = Math.Min(y0 + 1, height - 1);
            var fx = x - x0;
            var fy = y - y0;
            int i00 = ((y0 * width) + x0) * 3, i01 = ((y0 * width) + x1) * 3, i10 = ((y1 * width) + x0) * 3, i11 = ((y1 * width) + x1) * 3;
            for (var c = 0; c < 3; c++)
            {
                var topValue = rgb[i00 + c] + ((rgb[i01 + c] - rgb[i00 + c]) * fx);
                var bottomValue = rgb[i10 + c] + ((rgb[i11 + c] - rgb[i10 + c]) * fx);
                target[offset + c] = (byte)(topValue + ((bottomValue - topValue) * fy) + 0.5f);
            }
        }
    }
}
