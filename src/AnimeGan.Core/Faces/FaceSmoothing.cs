namespace AnimeGan.Core.Faces
{
    /// <summary>
    /// Keeps faces steady from frame to frame. A detector finds each frame's faces afresh, a pixel or two off
    /// each time, and face2paint would then cut, stylize and blend each face at a slightly different place:
    /// the face jitters. A face that overlaps one of the previous frame's is moved most of the way back to it
    /// (box and landmarks); a new face, or one that moved far, is taken as found.
    /// </summary>
    internal sealed class FaceSmoothing
    {
        /// <summary>The overlap (intersection over union) above which two detections are the same face.</summary>
        public const float SameFace = 0.3f;

        /// <summary>The share of the previous frame's position kept for the same face.</summary>
        public const float Hold = 0.6f;

        private IReadOnlyList<DetectedFace> _previous = new List<DetectedFace>();

        /// <summary>This frame's faces, each pulled towards the same face in the previous frame.</summary>
        public IReadOnlyList<DetectedFace> Smooth(IReadOnlyList<DetectedFace> current)
        {
            var smoothed = current.Select(face =>
            {
                var match = _previous.OrderByDescending(p => p.Box.IntersectionOverUnion(face.Box)).FirstOrDefault();
                return match == null || match.Box.IntersectionOverUnion(face.Box) < SameFace ? face : Between(match, face);
            }).ToList();
            _previous = smoothed;
            return smoothed;
        }

        private static DetectedFace Between(DetectedFace previous, DetectedFace current)
        {
            static float Mix(float a, float b) => (Hold * a) + ((1 - Hold) * b);
            var box = new FaceBox(Mix(previous.Box.X, current.Box.X), Mix(previous.Box.Y, current.Box.Y), Mix(previous.Box.Width, current.Box.Width), Mix(previous.Box.Height, current.Box.Height));
            var landmarks = previous.Landmarks.Zip(current.Landmarks, (p, c) => new FacePoint(Mix(p.X, c.X), Mix(p.Y, c.Y))).ToList();
            return new DetectedFace(box, landmarks, current.Score);
        }
    }
}
