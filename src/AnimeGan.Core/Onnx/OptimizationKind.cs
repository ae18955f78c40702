namespace AnimeGan.Core.Onnx
{
    /// <summary>What the model optimizer makes of a style model.</summary>
    public enum OptimizationKind
    {
        /// <summary>The same model in float32 (from a float16 model).</summary>
        Float32,

        /// <summary>INT8 weights (per channel) and, when calibrated, INT8 activations, in QDQ form.</summary>
        Int8,
    }
}
