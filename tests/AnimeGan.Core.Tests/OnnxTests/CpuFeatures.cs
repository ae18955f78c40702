namespace AnimeGan.Core.Tests.OnnxTests
{
    /// <summary>What the processor offers ONNX Runtime's integer kernels (the engine's own reading).</summary>
    internal static class CpuFeatures
    {
        /// <summary>Gets whether the processor has VNNI, with which u8 x s8 products are summed in 32 bits, not first in pairs in 16.</summary>
        public static bool HasVnni => AnimeGan.Core.Inference.ProcessorFeatures.HasVnni;
    }
}
