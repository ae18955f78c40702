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
            var weight = Weight(strength);
            const int chunk = 1 << 16;
            Parallel.For(0, (source.Length + chunk - 1) / chunk, block =>
            {
                var end = System.Math.Min(source.Length, (block + 1) * chunk);
                for (var i = block * chunk; i < end; i++)
                    result[i] = Mix(source[i], styled[i], weight);
            });
            return result;
        }

        /// <summary>
        /// The strength as a fixed-point weight with 16 fractional bits: exact at the end points and the same
        /// on every machine, so a front end that blends tile by tile matches the engine byte for byte.
        /// </summary>
        public static int Weight(double strength) => (int)((Throw.IfOutOfRange(strength, 0, 1) * 65536) + 0.5);

        /// <summary>Blends one channel value with a weight from <see cref="Weight"/>.</summary>
        public static byte Mix(byte source, byte styled, int weight)
            => (byte)(source + ((((styled - source) * weight) + 32768) >> 16));
    }
}
