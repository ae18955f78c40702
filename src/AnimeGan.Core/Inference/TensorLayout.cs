namespace AnimeGan.Core.Inference
{
    /// <summary>Where the channel axis of an image tensor is.</summary>
    internal enum TensorLayout
    {
        /// <summary>[batch, height, width, channels], as TensorFlow-born AnimeGAN models use.</summary>
        Nhwc,

        /// <summary>[batch, channels, height, width], as PyTorch-born models use.</summary>
        Nchw,
    }
}
