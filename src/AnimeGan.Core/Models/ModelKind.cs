namespace AnimeGan.Core.Models
{
    /// <summary>What a model is for; the engine only ever runs a model in the role its manifest gives it.</summary>
    public enum ModelKind
    {
        /// <summary>An image-to-image AnimeGAN generator.</summary>
        Style,

        /// <summary>A face detector used by face enhancement.</summary>
        FaceDetector,
    }
}
