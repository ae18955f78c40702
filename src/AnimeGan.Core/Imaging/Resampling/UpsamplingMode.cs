namespace AnimeGan.Core.Imaging
{
    /// <summary>How a stylized result made at the working size is brought back to the photo's full size.</summary>
    public enum UpsamplingMode
    {
        /// <summary>
        /// Guided filter upsampling: the stylized colours follow the edges of the full-size photo, so large
        /// outputs stay sharp instead of looking like an enlarged small picture.
        /// </summary>
        Guided,

        /// <summary>Plain Lanczos resampling of the stylized result.</summary>
        Lanczos,
    }
}
