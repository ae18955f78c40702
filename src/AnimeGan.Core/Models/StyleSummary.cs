namespace AnimeGan.Core.Models
{
    /// <summary>
    /// One installed style as front ends list it (`animegan styles --json`, the web API's /api/styles), so
    /// scripts and pages read the same fields wherever they ask.
    /// </summary>
    /// <param name="Id">The id to pass as a style.</param>
    /// <param name="Name">The display name.</param>
    /// <param name="Family">The generator family (AnimeGANv2, AnimeGANv3).</param>
    /// <param name="Bytes">The model file's size.</param>
    /// <param name="Licence">The model's licence.</param>
    /// <param name="IsDefault">Whether it is the style used when none is named.</param>
    /// <param name="Description">What it looks like.</param>
    public sealed record StyleSummary(string Id, string Name, string Family, long Bytes, string Licence, bool IsDefault, string Description)
    {
        /// <summary>Lists the styles installed in a store, in manifest order.</summary>
        public static IReadOnlyList<StyleSummary> Installed(ModelStore store)
        {
            Throw.IfNull(store);
            var defaultId = store.Manifest.DefaultStyleId;
            return store.Installed(ModelKind.Style)
                .Select(m => new StyleSummary(m.Id, m.DisplayName, m.Family, m.SizeInBytes, m.Licence, m.Id == defaultId, m.Description) { Precision = DescribePrecision(store, m) })
                .ToList();
        }

        /// <summary>
        /// Gets which precision the style runs in by default on this processor, and why: "int8: 2.0x, SSIM 0.987",
        /// "float: int8 only 1.1x here", or "float: not measured here yet" before a verdict is made.
        /// </summary>
        public string Precision { get; init; } = "";

        /// <summary>What <see cref="Precision"/> says for one style of a store, for front ends that list styles their own way.</summary>
        public static string DescribePrecision(ModelStore store, ModelEntry style)
        {
            Throw.IfNull(store);
            Throw.IfNull(style);
            if (style.IsVariant)
                return style.Id.EndsWith("@int8", StringComparison.OrdinalIgnoreCase) ? "int8 (this variant)" : "float (this variant)";
            return Onnx.PrecisionVerdicts.Current(store, style)?.Reason ?? "float: not measured here yet";
        }
    }
}
