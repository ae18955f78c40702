namespace AnimeGan.Core.Faces
{
    /// <summary>
    /// One face: its box, five landmarks and the detector's confidence. Landmarks are in image order:
    /// the eye on the image's left, the other eye, the nose tip, the mouth corner on the image's left, the
    /// other mouth corner; both detectors are mapped to this order so alignment needs no special case.
    /// </summary>
    /// <param name="Box">The face box.</param>
    /// <param name="Landmarks">The five landmarks (eyes, nose, mouth corners).</param>
    /// <param name="Score">The confidence, 0..1.</param>
    public sealed record DetectedFace(FaceBox Box, IReadOnlyList<FacePoint> Landmarks, float Score)
    {
        /// <summary>Maps the face into a picture scaled by the given factors.</summary>
        public DetectedFace Scaled(float scaleX, float scaleY)
            => new DetectedFace(
                new FaceBox(Box.X * scaleX, Box.Y * scaleY, Box.Width * scaleX, Box.Height * scaleY),
                System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(Landmarks, p => new FacePoint(p.X * scaleX, p.Y * scaleY))),
                Score);

        /// <summary>Gets the eye on the image's left.</summary>
        public FacePoint LeftEye => Landmarks[0];

        /// <summary>Gets the eye on the image's right.</summary>
        public FacePoint RightEye => Landmarks[1];

        /// <summary>Gets the nose tip.</summary>
        public FacePoint Nose => Landmarks[2];

        /// <summary>Gets the mouth corner on the image's left.</summary>
        public FacePoint MouthLeft => Landmarks[3];

        /// <summary>Gets the mouth corner on the image's right.</summary>
        public FacePoint MouthRight => Landmarks[4];
    }
}
