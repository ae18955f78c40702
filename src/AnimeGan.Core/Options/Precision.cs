namespace AnimeGan.Core
{
    /// <summary>
    /// Which arithmetic a style's generator runs in. INT8 runs about twice as fast in half the memory where the
    /// processor's integer kernels keep the picture (docs/optimizer.md); the engine measures that per processor.
    /// </summary>
    public enum Precision
    {
        /// <summary>The engine's choice: INT8 where this processor's verdict says it is faster and looks the same, else float.</summary>
        Auto,

        /// <summary>The float graph, always.</summary>
        Float,

        /// <summary>The INT8 variant, always (made by <c>models optimize --int8</c> or at install).</summary>
        Int8,
    }
}
