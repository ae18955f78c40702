using System.Globalization;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// Which precision a style runs by default on this processor, and the measurements that decided it, so every
    /// front end can say why ("int8: 2.0x, SSIM 0.987" / "float: int8 only 1.1x here").
    /// </summary>
    /// <param name="StyleId">The style.</param>
    /// <param name="Runs">What <see cref="Precision.Auto"/> runs: <see cref="Precision.Int8"/> or <see cref="Precision.Float"/>.</param>
    /// <param name="Speedup">How many times faster the INT8 variant ran than the float graph here (ratio of minima of alternating runs); 0 when it looked different and was not timed.</param>
    /// <param name="Similarity">The lowest SSIM of the INT8 output against the float output over the built-in scenes and photos.</param>
    /// <param name="ProcessorKey">The processor's architecture and vector extensions the verdict was measured on.</param>
    /// <param name="StyleSha256">The SHA-256 of the style file measured.</param>
    /// <param name="VariantSha256">The SHA-256 of the INT8 variant measured.</param>
    public sealed record PrecisionVerdict(string StyleId, Precision Runs, double Speedup, double Similarity, string ProcessorKey, string StyleSha256, string VariantSha256)
    {
        /// <summary>The speed-up INT8 must reach on this processor to run by default: below it, float's exactness is worth more.</summary>
        public const double MinimumSpeedup = 1.3;

        /// <summary>How alike (lowest SSIM over the built-in scenes and photos) INT8 must look to the float graph to run by default.</summary>
        public const double MinimumSimilarity = 0.98;

        /// <summary>The choice made from the two measurements by the rules above.</summary>
        public static Precision Choose(double speedup, double similarity)
            => speedup >= MinimumSpeedup && similarity >= MinimumSimilarity ? Precision.Int8 : Precision.Float;

        /// <summary>The reason in a few words, as <c>animegan styles</c> and <c>Get-AnimeStyle</c> show it.</summary>
        public string Reason => Runs == Precision.Int8
            ? string.Format(CultureInfo.InvariantCulture, "int8: {0:0.0}x, SSIM {1:0.000}", Speedup, Similarity)
            : Similarity < MinimumSimilarity
                ? string.Format(CultureInfo.InvariantCulture, "float: int8 looks different here (SSIM {0:0.000})", Similarity)
                : string.Format(CultureInfo.InvariantCulture, "float: int8 only {0:0.0}x here", Speedup);
    }
}
