using System;

namespace AnimeGan.Core.Onnx
{
    /// <summary>IEEE 754 half-precision bit patterns to and from float, on every target framework.</summary>
    internal static class HalfBits
    {
        public static float ToSingle(ushort half)
        {
            var sign = (uint)(half >> 15) << 31;
            var exponent = (half >> 10) & 0x1F;
            var mantissa = (uint)(half & 0x3FF);
            uint bits;
            if (exponent == 0)
            {
                if (mantissa == 0)
                {
                    bits = sign;
                }
                else
                {
                    // Subnormal: normalise.
                    var e = -1;
                    do
                    {
                        e++;
                        mantissa <<= 1;
                    }
                    while ((mantissa & 0x400) == 0);
                    bits = sign | ((uint)(127 - 15 - e) << 23) | ((mantissa & 0x3FF) << 13);
                }
            }
            else if (exponent == 31)
            {
                bits = sign | 0x7F800000 | (mantissa << 13);
            }
            else
            {
                bits = sign | ((uint)(exponent + 127 - 15) << 23) | (mantissa << 13);
            }

            return BitConverter.ToSingle(BitConverter.GetBytes(bits), 0);
        }
    }
}
