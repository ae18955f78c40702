using System.Threading.Tasks;

namespace AnimeGan.Core.Imaging
{
    /// <summary>Mixes a stylized picture with its source: 0 gives the source's exact bytes, 1 the stylized ones.</summary>
    public static class StrengthBlend
    {
        /// <summary>Returns source + strength * (styled - source), rounded, in a new buffer.</summary>
        public static byte[] Mix(byte[] source, byte[] styled, double strength)
        {
            Throw.IfNull(source);
            Throw.IfNull(styled);
            Throw.IfOutOfRange(strength, 0, 1);
            if (strength <= 0)
                return (byte[])source.Clone();
            if (strength >= 1)
                return (byte[])styled.Clone();

            var result = new byte[source.Length];
            // Fixed point with 16 fractional bits: exact for the end points, identical on every machine.
            var weight = (int)((strength * 65536) + 0.5);
            const int chunk = 1 << 16;
            Parallel.For(0, (source.Length + chunk - 1) / chunk, block =>
            {
                var end = System.Math.Min(source.Length, (block + 1) * chunk);
                for (var i = block * chunk; i < end; i++)
                {
                    var s = source[i];
                    result[i] = (byte)(s + ((((styled[i] - s) * weight) + 32768) >> 16));
                }
            });
            return result;
        }
    }
}
