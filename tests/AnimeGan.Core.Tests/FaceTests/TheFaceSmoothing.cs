using AnimeGan.Core.Faces;

namespace AnimeGan.Core.Tests.FaceTests
{
    public class TheFaceSmoothing
    {
        private static DetectedFace Face(float x, float y, float size = 60)
            => new DetectedFace(
                new FaceBox(x, y, size, size),
                new[] { new FacePoint(x + 18, y + 22), new FacePoint(x + 42, y + 22), new FacePoint(x + 30, y + 34), new FacePoint(x + 20, y + 46), new FacePoint(x + 40, y + 46) },
                0.99f);

        [Fact]
        public void ShouldCutTheJitterOfAStillFaceDetectedAFewPixelsOffEachFrame()
        {
            // A face that does not move, found up to 3 px off in every frame, as detectors do.
            var offsets = new[] { 0f, 3, -2, 3, -3, 2, -2, 3, -3, 1, -2, 3 };
            var smoothing = new FaceSmoothing();

            var raw = offsets.Select(o => Face(200 + o, 150 - o)).ToList();
            var smoothed = raw.Select(f => smoothing.Smooth(new[] { f }).Single()).ToList();

            static double Jitter(System.Collections.Generic.IReadOnlyList<DetectedFace> faces)
                => faces.Zip(faces.Skip(1), (a, b) => Math.Abs(a.Box.X - b.Box.X) + Math.Abs(a.LeftEye.Y - b.LeftEye.Y)).Average();
            Assert.True(Jitter(smoothed) < Jitter(raw) * 0.5, $"frame-to-frame movement {Jitter(smoothed):0.00} px smoothed, {Jitter(raw):0.00} px as detected");
        }

        [Fact]
        public void ShouldTakeANewOrFarMovedFaceAsFound()
        {
            var smoothing = new FaceSmoothing();
            smoothing.Smooth(new[] { Face(100, 100) });

            var moved = smoothing.Smooth(new[] { Face(400, 300), Face(104, 100) });

            Assert.Equal(400, moved[0].Box.X);
            Assert.Equal(100 + (4 * (1 - FaceSmoothing.Hold)), moved[1].Box.X, 3);
        }
    }
}
