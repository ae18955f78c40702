using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Faces
{
    /// <summary>
    /// YuNet: anchor-free heads on strides 8/16/32, score = sqrt(class * objectness), decoded as OpenCV's
    /// FaceDetectorYN does. Its landmarks come in the same image order as RetinaFace's.
    /// </summary>
    internal sealed class YuNetDetector : FaceDetectorModel
    {
        private static readonly int[] Strides = { 8, 16, 32 };

        /// <summary>Loads the detector.</summary>
        public YuNetDetector(ModelEntry entry, string path, int intraOpThreads = 0, MemoryArena memoryArena = MemoryArena.Kept)
            : base(entry, path, intraOpThreads, memoryArena)
        {
        }

        /// <inheritdoc />
        protected override (float B, float G, float R) Mean => (0f, 0f, 0f);

        /// <inheritdoc />
        protected override IReadOnlyList<DetectedFace> Decode(IReadOnlyDictionary<string, OrtValue> outputs, int width, int height)
        {
            var faces = new List<DetectedFace>();
            foreach (var stride in Strides)
            {
                var cls = outputs["cls_" + stride].GetTensorDataAsSpan<float>();
                var obj = outputs["obj_" + stride].GetTensorDataAsSpan<float>();
                var bbox = outputs["bbox_" + stride].GetTensorDataAsSpan<float>();
                var kps = outputs["kps_" + stride].GetTensorDataAsSpan<float>();
                var columns = width / stride;
                var rows = height / stride;
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < columns; c++)
                    {
                        var i = (r * columns) + c;
                        var score = MathF.Sqrt(Unit(cls[i]) * Unit(obj[i]));
                        if (score < 0.3f)
                            continue;
                        var cx = (c + bbox[i * 4]) * stride;
                        var cy = (r + bbox[(i * 4) + 1]) * stride;
                        var w = MathF.Exp(bbox[(i * 4) + 2]) * stride;
                        var h = MathF.Exp(bbox[(i * 4) + 3]) * stride;
                        var points = new FacePoint[5];
                        for (var k = 0; k < 5; k++)
                            points[k] = new FacePoint((kps[(i * 10) + (2 * k)] + c) * stride, (kps[(i * 10) + (2 * k) + 1] + r) * stride);
                        faces.Add(new DetectedFace(new FaceBox(cx - (w / 2), cy - (h / 2), w, h), points, score));
                    }
                }
            }

            return faces;
        }

        private static float Unit(float value) => value < 0f ? 0f : value > 1f ? 1f : value;
    }
}
