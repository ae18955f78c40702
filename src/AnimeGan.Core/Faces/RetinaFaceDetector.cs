using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Faces
{
    /// <summary>
    /// RetinaFace (mobilenet0.25): anchor boxes on strides 8/16/32, box and landmark offsets decoded with
    /// variances 0.1 and 0.2, as in the reference implementation.
    /// </summary>
    internal sealed class RetinaFaceDetector : FaceDetectorModel
    {
        private static readonly int[][] MinSizes = { new[] { 16, 32 }, new[] { 64, 128 }, new[] { 256, 512 } };
        private static readonly int[] Steps = { 8, 16, 32 };
        private const float CenterVariance = 0.1f;
        private const float SizeVariance = 0.2f;

        /// <summary>Loads the detector.</summary>
        public RetinaFaceDetector(ModelEntry entry, string path, int intraOpThreads = 0, MemoryArena memoryArena = MemoryArena.Kept)
            : base(entry, path, intraOpThreads, memoryArena)
        {
        }

        /// <inheritdoc />
        protected override (float B, float G, float R) Mean => (104f, 117f, 123f);

        /// <inheritdoc />
        protected override IReadOnlyList<DetectedFace> Decode(IReadOnlyDictionary<string, OrtValue> outputs, int width, int height)
        {
            var boxes = outputs["output0"].GetTensorDataAsSpan<float>();
            var scores = outputs["output1"].GetTensorDataAsSpan<float>();
            var landmarks = outputs["output2"].GetTensorDataAsSpan<float>();
            var faces = new List<DetectedFace>();
            var anchor = 0;
            for (var level = 0; level < Steps.Length; level++)
            {
                var step = Steps[level];
                var rows = (int)Math.Ceiling((double)height / step);
                var columns = (int)Math.Ceiling((double)width / step);
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < columns; c++)
                    {
                        foreach (var minSize in MinSizes[level])
                        {
                            var score = scores[(anchor * 2) + 1];
                            if (score >= 0.3f)
                            {
                                float pcx = (c + 0.5f) * step, pcy = (r + 0.5f) * step;
                                float pw = minSize, ph = minSize;
                                var b = anchor * 4;
                                var cx = pcx + (boxes[b] * CenterVariance * pw);
                                var cy = pcy + (boxes[b + 1] * CenterVariance * ph);
                                var w = pw * MathF.Exp(boxes[b + 2] * SizeVariance);
                                var h = ph * MathF.Exp(boxes[b + 3] * SizeVariance);
                                var points = new FacePoint[5];
                                for (var k = 0; k < 5; k++)
                                {
                                    var l = (anchor * 10) + (2 * k);
                                    points[k] = new FacePoint(pcx + (landmarks[l] * CenterVariance * pw), pcy + (landmarks[l + 1] * CenterVariance * ph));
                                }

                                faces.Add(new DetectedFace(new FaceBox(cx - (w / 2), cy - (h / 2), w, h), points, score));
                            }

                            anchor++;
                        }
                    }
                }
            }

            return faces;
        }
    }
}
