using AnimeGan.Core.Faces;

namespace AnimeGan.Core.Tests.FaceTests
{
    public class TheDetectors
    {
        public static TheoryData<string, int> Portraits()
        {
            var data = new TheoryData<string, int>();
            foreach (var (path, count) in TestFiles.PortraitFaceCounts().OrderBy(p => p.Key, StringComparer.Ordinal))
                data.Add(Path.GetFileName(path), count);
            return data;
        }

        [Theory]
        [MemberData(nameof(Portraits))]
        public void ShouldFindExactlyTheTrueNumberOfFacesWithTheDefaultDetector(string name, int count)
        {
            var picture = ImageDecoder.Read(Path.Combine(TestFiles.Portraits, name)).Pixels;
            var faces = TestModels.Engine.DetectFaces(picture);
            Assert.Equal(count, faces.Count);
        }

        [Theory]
        [MemberData(nameof(Portraits))]
        public void ShouldFindEveryTrueFaceWithYuNetToo(string name, int count)
        {
            var picture = ImageDecoder.Read(Path.Combine(TestFiles.Portraits, name)).Pixels;
            var reference = TestModels.Engine.DetectFaces(picture, "retinaface");
            var faces = TestModels.Engine.DetectFaces(picture, "yunet");

            Assert.Equal(count, reference.Count);
            foreach (var face in reference)
                Assert.Contains(faces, f => f.Box.IntersectionOverUnion(face.Box) > 0.5f);
        }

        [Theory]
        [MemberData(nameof(Portraits))]
        public void ShouldPlaceLandmarksWhereFacesHaveThem(string name, int count)
        {
            var picture = ImageDecoder.Read(Path.Combine(TestFiles.Portraits, name)).Pixels;
            foreach (var detector in new[] { "retinaface", "yunet" })
            {
                // Only confident faces are checked, and there must be some: an empty set would prove nothing.
                var confident = TestModels.Engine.DetectFaces(picture, detector).Where(f => f.Score > 0.9f).ToList();
                Assert.True(confident.Count > 0, $"{name} {detector}: no face above 0.9 to check landmarks on");
                foreach (var face in confident)
                {
                    var eyeY = (face.LeftEye.Y + face.RightEye.Y) / 2;
                    var mouthY = (face.MouthLeft.Y + face.MouthRight.Y) / 2;
                    Assert.True(eyeY < face.Nose.Y && face.Nose.Y < mouthY, $"{name} {detector}: eyes, nose, mouth out of order");
                    Assert.True(face.LeftEye.X < face.RightEye.X && face.MouthLeft.X < face.MouthRight.X, $"{name} {detector}: left and right swapped");
                    var eyeDistance = MathF.Sqrt(MathF.Pow(face.RightEye.X - face.LeftEye.X, 2) + MathF.Pow(face.RightEye.Y - face.LeftEye.Y, 2));
                    Assert.InRange(eyeDistance / face.Box.Width, 0.2f, 0.7f);
                    foreach (var p in face.Landmarks)
                    {
                        Assert.InRange(p.X, face.Box.X - (0.1f * face.Box.Width), face.Box.X + (1.1f * face.Box.Width));
                        Assert.InRange(p.Y, face.Box.Y - (0.1f * face.Box.Height), face.Box.Y + (1.1f * face.Box.Height));
                    }
                }
            }

            Assert.True(count > 0);
        }

        [Fact]
        public void ShouldFindATiltedFaceAndAlignItUpright()
        {
            using var image = new MagickImage(Path.Combine(TestFiles.Portraits, "0.jpg"));
            image.BackgroundColor = MagickColors.Gray;
            image.Rotate(30);
            var picture = TestImages.FromMagick(image);

            var face = Assert.Single(TestModels.Engine.DetectFaces(picture));

            var tilt = MathF.Atan2(face.RightEye.Y - face.LeftEye.Y, face.RightEye.X - face.LeftEye.X) * 180 / MathF.PI;
            Assert.InRange(tilt, 20f, 50f);
            var toCrop = FaceCompositor.ToCrop(face, 512);
            var left = toCrop.Apply(face.LeftEye.X, face.LeftEye.Y);
            var right = toCrop.Apply(face.RightEye.X, face.RightEye.Y);
            // The five-point fit also levels nose and mouth, so the eyes end within a few degrees of level.
            Assert.InRange(MathF.Atan2(right.Y - left.Y, right.X - left.X) * 180 / MathF.PI, -10f, 10f);
        }
    }
}
