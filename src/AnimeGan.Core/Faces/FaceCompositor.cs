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
        /// <param name="source">The photo.</param>
        /// <param name="styled">The plain pass at full size; the faces are blended into it.</param>
        /// <param name="faces">The faces found in the photo.</param>
        /// <param name="loadStyle">Loads a style by id (null: the scene's style).</param>
        /// <param name="treatment">How faces are drawn.</param>
        /// <param name="cancellationToken">Stops between faces and inside model runs.</param>
        /// <returns>The faces that were large enough to enhance.</returns>
        public static IReadOnlyList<DetectedFace> Apply(PixelImage source, byte[] styled, IEnumerable<DetectedFace> faces, Func<string?, StyleModel> loadStyle, FaceTreatment treatment, CancellationToken cancellationToken)
        {
            var sceneModel = loadStyle(null);
            var faceModel = treatment.Style == null ? sceneModel : loadStyle(treatment.Style);
            var size = CropSizeFor(faceModel, treatment.CropSize);
            var enhanced = new List<DetectedFace>();
            foreach (var face in faces.Where(f => f.Box.Width >= FaceGeometry.MinimumFaceSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var toCrop = ToCrop(face, size);
                var crop = Warp(source.Rgb, source.Width, source.Height, toCrop.Invert(), size);
                var styledCrop = Draw(crop, size, sceneModel, faceModel, treatment, cancellationToken);
                Blend(styled, source.Width, source.Height, styledCrop, size, toCrop, treatment.FeatherStart, treatment.MatchBorder, treatment.SkinTone, treatment.SkinToneLimit, crop);
                enhanced.Add(face);
            }

            return enhanced;
        }

        /// <summary>The crop side for a model: <see cref="FaceGeometry.CropSize"/> rounded down to its size multiple.</summary>
        public static int CropSizeFor(StyleModel model, int cropSize = FaceGeometry.CropSize)
            => Math.Max(model.SizeMultiple * WorkingSize.MinimumMultiples, cropSize / model.SizeMultiple * model.SizeMultiple);

        /// <summary>Stylizes one aligned crop as the treatment says.</summary>
        private static byte[] Draw(byte[] crop, int size, StyleModel sceneModel, StyleModel faceModel, FaceTreatment treatment, CancellationToken cancellationToken)
        {
            var input = treatment.SmoothBefore > 0 ? Smooth(crop, size, treatment, treatment.SmoothBefore) : crop;
            var drawn = faceModel.Run(input, size, size, cancellationToken);
            if (faceModel != sceneModel && treatment.StyleMix < 1)
                drawn = Mix(sceneModel.Run(input, size, size, cancellationToken), drawn, treatment.StyleMix);
            if (treatment.SmoothAfter > 0)
            {
                var smooth = Smooth(drawn, size, treatment, treatment.SmoothAfter);
                smooth = treatment.LineThreshold > 0 ? RestoreLines(smooth, drawn, treatment.LineThreshold, treatment.LineGain) : smooth;
                drawn = treatment.KeepFeatures ? KeepFeatures(smooth, drawn, size) : smooth;
            }

            if (treatment.CelStep > 0)
                drawn = CelShade(drawn, treatment.CelStep);
            return treatment.KeepColors || treatment.Strength < 1
                ? ResultBlend.Apply(crop, drawn, treatment.Strength, treatment.KeepColors)
                : drawn;
        }

        /// <summary>
        /// Puts back the strong luma detail of <paramref name="drawn"/> that smoothing took away: each pixel's
        /// detail beyond <paramref name="threshold"/> (soft coring), times <paramref name="gain"/>, on all channels.
        /// </summary>
        private static byte[] RestoreLines(byte[] smooth, byte[] drawn, int threshold, double gain)
        {
            var result = new byte[smooth.Length];
            for (var i = 0; i < smooth.Length; i += 3)
            {
                var detail = (0.299 * (drawn[i] - smooth[i])) + (0.587 * (drawn[i + 1] - smooth[i + 1])) + (0.114 * (drawn[i + 2] - smooth[i + 2]));
                var cored = Math.Sign(detail) * Math.Max(Math.Abs(detail) - threshold, 0) * gain;
                for (var c = 0; c < 3; c++)
                {
                    var value = smooth[i + c] + cored;
                    result[i + c] = value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)(value + 0.5);
                }
            }

            return result;
        }

        /// <summary>Rounds each pixel's luma to steps of <paramref name="step"/>, moving all channels alike (flat bands of tone).</summary>
        private static byte[] CelShade(byte[] rgb, int step)
        {
            var result = new byte[rgb.Length];
            for (var i = 0; i < rgb.Length; i += 3)
            {
                var luma = (0.299 * rgb[i]) + (0.587 * rgb[i + 1]) + (0.114 * rgb[i + 2]);
                var t = luma / step;
                var low = Math.Floor(t);
                var f = t - low;
                var eased = f < 0.35 ? 0 : f > 0.65 ? 1 : (f - 0.35) / 0.3;
                var shift = ((low + eased) * step) - luma;
                for (var c = 0; c < 3; c++)
                {
                    var value = rgb[i + c] + shift;
                    result[i + c] = value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)(value + 0.5);
                }
            }

            return result;
        }

        /// <summary>Takes the eyes, brows and mouth from <paramref name="drawn"/> and the rest from <paramref name="smooth"/>, feathered.</summary>
        private static byte[] KeepFeatures(byte[] smooth, byte[] drawn, int size)
        {
            var result = new byte[smooth.Length];
            for (var v = 0; v < size; v++)
            {
                for (var u = 0; u < size; u++)
                {
                    var w = FaceGeometry.FeatureWeight((u + 0.5f) / size, (v + 0.5f) / size);
                    var o = ((v * size) + u) * 3;
                    for (var c = 0; c < 3; c++)
                        result[o + c] = (byte)((smooth[o + c] * (1 - w)) + (drawn[o + c] * w) + 0.5f);
                }
            }

            return result;
        }

        private static byte[] Mix(byte[] a, byte[] b, double weightOfB)
        {
            var result = new byte[a.Length];
            for (var i = 0; i < a.Length; i++)
                result[i] = (byte)((a[i] * (1 - weightOfB)) + (b[i] * weightOfB) + 0.5);
            return result;
        }

        /// <summary>Edge-preserving smoothing with the treatment's filter: flattens skin, keeps the strong lines of eyes and mouth.</summary>
        private static byte[] Smooth(byte[] rgb, int size, FaceTreatment treatment, int radius)
        {
            var smoother = treatment.Smoother;
            if (smoother == FaceSmoother.Guided)
                return EdgePreservingSmoothing.Apply(rgb, size, size, radius, treatment.SmoothEpsilon);
            using var image = MagickPixels.FromBytes(rgb, size, size, ImageMagick.PixelMapping.RGB);
            switch (smoother)
            {
                case FaceSmoother.Kuwahara:
                    image.Kuwahara(radius, radius / 2.0);
                    break;
                case FaceSmoother.MeanShift:
                    image.MeanShift((uint)radius, new ImageMagick.Percentage(10));
                    break;
                default:
                    image.BilateralBlur((uint)radius, (uint)radius);
                    break;
            }

            return MagickPixels.ToBytes(image, ImageMagick.PixelMapping.RGB);
        }

        /// <summary>The transform from source pixels to crop pixels for one face.</summary>
        public static SimilarityTransform ToCrop(DetectedFace face, int size)
            => SimilarityTransform.Estimate(face.Landmarks, FaceGeometry.Template.Select(p => new FacePoint(p.X * size, p.Y * size)).ToArray());

        /// <summary>The blend weight the face puts on each pixel of a picture of the given size (for checks and tests).</summary>
        public static float[] MaskOf(DetectedFace face, int width, int height, int size)
            => Map(face, width, height, size, (u, v) => FaceGeometry.Mask(u, v, FaceTreatment.Default.FeatherStart));

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

        private static void Blend(byte[] styled, int width, int height, byte[] face, int size, SimilarityTransform toCrop, float featherStart, bool matchBorder, double skinTone, int skinToneLimit, byte[] photoCrop)
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
                    var m = FaceGeometry.Mask(p.X / size, p.Y / size, featherStart);
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
            if (ringWeight > 0 && matchBorder)
            {
                for (var c = 0; c < 3; c++)
                    shift[c] = (float)((sums[c] - sums[3 + c]) / ringWeight);
            }

            if (skinTone > 0 || skinToneLimit < 255)
            {
                var toPhoto = InnerMeanDifference(photoCrop, face, size);
                for (var c = 0; c < 3; c++)
                    shift[c] = (float)((shift[c] * (1 - skinTone)) + (toPhoto[c] * skinTone));
                var away = Enumerable.Range(0, 3).Max(c => Math.Abs(shift[c] - toPhoto[c]));
                if (away > skinToneLimit)
                {
                    for (var c = 0; c < 3; c++)
                        shift[c] = toPhoto[c] + ((shift[c] - toPhoto[c]) * skinToneLimit / away);
                }
            }

            System.Threading.Tasks.Parallel.For(top, bottom + 1, y =>
            {
                var pixel = new byte[3];
                for (var x = left; x <= right; x++)
                {
                    var p = toCrop.Apply(x, y);
                    var m = FaceGeometry.Mask(p.X / size, p.Y / size, featherStart);
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

        /// <summary>The photo's mean colour minus the drawn face's over the cheeks and nose (between the eyes and the mouth of the template).</summary>
        private static float[] InnerMeanDifference(byte[] photoCrop, byte[] face, int size)
        {
            var sums = new double[3];
            var count = 0;
            for (var v = 0; v < size; v++)
            {
                for (var u = 0; u < size; u++)
                {
                    float x = (u + 0.5f) / size, y = (v + 0.5f) / size;
                    if (x < 0.30f || x > 0.70f || y < 0.50f || y > 0.66f)
                        continue;
                    var o = ((v * size) + u) * 3;
                    for (var c = 0; c < 3; c++)
                        sums[c] += photoCrop[o + c] - face[o + c];
                    count++;
                }
            }

            return sums.Select(s => count == 0 ? 0f : (float)(s / count)).ToArray();
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
