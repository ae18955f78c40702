using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Faces
{
    /// <summary>
    /// What the two detectors share: one ONNX Runtime session, detection on a copy whose long side is at
    /// most <see cref="DetectionSize"/>, a BGR planar tensor, and mapping results back to source pixels.
    /// </summary>
    internal abstract class FaceDetectorModel : IFaceDetector, IDisposable
    {
        /// <summary>The long side detection runs at: faces of about 1/50 of the picture's width and up are found.</summary>
        public const int DetectionSize = 800;

        private readonly InferenceSession _session;

        private readonly MemoryArena _memoryArena;

        /// <summary>Loads the detector.</summary>
        /// <exception cref="AnimeGanException">The file cannot be loaded.</exception>
        protected FaceDetectorModel(ModelEntry entry, string path, int intraOpThreads, MemoryArena memoryArena)
        {
            Entry = Throw.IfNull(entry);
            _memoryArena = memoryArena;
            using var options = SessionOptionsFactory.Create(intraOpThreads, memoryArena);
            _session = LibraryFailures.OpenSession(() => new InferenceSession(path, options), path, "face detector");

            InputName = _session.InputMetadata.Keys.First();
        }

        /// <summary>Gets the manifest entry.</summary>
        public ModelEntry Entry { get; }

        /// <inheritdoc />
        public string Id => Entry.Id;

        /// <summary>
        /// The minimum confidence for a face to count. Fixed: detectors are shared through the engine's cache,
        /// so a setting changed for one caller would change every caller's results.
        /// </summary>
        public const float ScoreThreshold = 0.6f;

        /// <summary>The overlap above which the weaker of two detections is dropped.</summary>
        public const float OverlapThreshold = 0.4f;

        /// <summary>Gets the input tensor's name.</summary>
        protected string InputName { get; }

        /// <summary>Gets the multiple the detection size is padded to.</summary>
        protected virtual int SizeMultiple => 32;

        /// <inheritdoc />
        public IReadOnlyList<DetectedFace> Detect(PixelImage image, CancellationToken cancellationToken = default)
        {
            Throw.IfNull(image);
            var scale = Math.Min(1.0, (double)DetectionSize / Math.Max(image.Width, image.Height));
            var width = Math.Max(1, (int)Math.Round(image.Width * scale));
            var height = Math.Max(1, (int)Math.Round(image.Height * scale));
            var rgb = Resampler.Resize(image.Rgb, image.Width, image.Height, width, height);
            var paddedWidth = RoundUp(width, SizeMultiple);
            var paddedHeight = RoundUp(height, SizeMultiple);

            var tensor = new float[3 * paddedWidth * paddedHeight];
            var plane = paddedWidth * paddedHeight;
            var (meanB, meanG, meanR) = Mean;
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var s = ((y * width) + x) * 3;
                    var d = (y * paddedWidth) + x;
                    tensor[d] = rgb[s + 2] - meanB;
                    tensor[plane + d] = rgb[s + 1] - meanG;
                    tensor[(2 * plane) + d] = rgb[s] - meanR;
                }
            }

            using var input = OrtValue.CreateTensorValueFromMemory(tensor, new long[] { 1, 3, paddedHeight, paddedWidth });
            IReadOnlyList<DetectedFace> faces;
            using (var outputs = CancellableRun.Run(
                _session,
                new[] { InputName },
                new[] { input },
                _session.OutputNames,
                _memoryArena,
                cancellationToken,
                ex => LibraryFailures.RunFailed(ex, Entry.FileName, $"face detector '{Id}'")))
            {
                var byName = new Dictionary<string, OrtValue>(StringComparer.Ordinal);
                for (var i = 0; i < outputs.Count; i++)
                    byName[_session.OutputNames[i]] = outputs[i];
                faces = Decode(byName, paddedWidth, paddedHeight);
            }

            return NonMaximumSuppression.Apply(faces.Where(f => f.Score >= ScoreThreshold), OverlapThreshold)
                .Select(f => f.Scaled((float)image.Width / width, (float)image.Height / height))
                .ToList();
        }

        /// <inheritdoc />
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Frees the session.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
                _session.Dispose();
        }

        /// <summary>Gets the per-channel value subtracted from B, G and R.</summary>
        protected abstract (float B, float G, float R) Mean { get; }

        /// <summary>Turns raw outputs into faces in detection-tensor pixels (before score filtering and suppression).</summary>
        protected abstract IReadOnlyList<DetectedFace> Decode(IReadOnlyDictionary<string, OrtValue> outputs, int width, int height);

        private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
    }
}
