namespace AnimeGan.Core.Faces
{
    /// <summary>Finds faces. Implementations are thread-safe and detect on a resized copy, returning source coordinates.</summary>
    public interface IFaceDetector
    {
        /// <summary>Gets the manifest id of the detector model.</summary>
        string Id { get; }

        /// <summary>Finds the faces in a picture, best first.</summary>
        IReadOnlyList<DetectedFace> Detect(PixelImage image, CancellationToken cancellationToken = default);
    }
}
