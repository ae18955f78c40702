using System.Runtime.InteropServices;

namespace AnimeGan.Core.Inference
{
    /// <summary>
    /// The instruction sets an INT8 verdict depends on. Before VNNI, 8-bit dot products add pairs of products in
    /// 16 bits and ONNX Runtime picks other kernels, so the same INT8 graph can be faster or look different on
    /// another processor: a verdict is kept per key and made again when the key changes.
    /// </summary>
    internal static class ProcessorFeatures
    {
        /// <summary>Gets the key of this processor: its architecture and the vector extensions integer kernels use.</summary>
        public static string Key { get; } = MakeKey();

        /// <summary>
        /// Gets whether the processor has VNNI (AVX512-VNNI: CPUID leaf 7 ECX bit 11; AVX-VNNI: leaf 7 sub-leaf 1
        /// EAX bit 4), with which u8 x s8 products are summed in 32 bits, not first in pairs in 16.
        /// </summary>
        public static bool HasVnni { get; } = ReadVnni();

        private static string MakeKey()
        {
            var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
#if NET8_0_OR_GREATER
            if (System.Runtime.Intrinsics.X86.X86Base.IsSupported)
            {
                var features = new List<string>();
                if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
                    features.Add("avx2");
                if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
                    features.Add("avx512f");
                if (HasVnni)
                    features.Add("vnni");
                return architecture + " " + string.Join(" ", features);
            }
#endif
            return architecture;
        }

        private static bool ReadVnni()
        {
#if NET8_0_OR_GREATER
            return System.Runtime.Intrinsics.X86.X86Base.IsSupported
                && ((System.Runtime.Intrinsics.X86.X86Base.CpuId(7, 0).Ecx & (1 << 11)) != 0 || (System.Runtime.Intrinsics.X86.X86Base.CpuId(7, 1).Eax & (1 << 4)) != 0);
#else
            return false;
#endif
        }
    }
}
