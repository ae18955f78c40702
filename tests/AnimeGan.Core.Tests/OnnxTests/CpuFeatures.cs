using System.Runtime.Intrinsics.X86;

namespace AnimeGan.Core.Tests.OnnxTests
{
    /// <summary>What the processor offers ONNX Runtime's integer kernels, read from CPUID.</summary>
    internal static class CpuFeatures
    {
        /// <summary>
        /// Gets whether the processor has VNNI (AVX512-VNNI: CPUID leaf 7 ECX bit 11; AVX-VNNI: leaf 7 sub-leaf 1
        /// EAX bit 4), with which u8 x s8 products are summed in 32 bits, not first in pairs in 16.
        /// </summary>
        public static bool HasVnni { get; } = X86Base.IsSupported
            && ((X86Base.CpuId(7, 0).Ecx & (1 << 11)) != 0 || (X86Base.CpuId(7, 1).Eax & (1 << 4)) != 0);
    }
}
