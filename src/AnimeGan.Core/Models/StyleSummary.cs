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
                .Select(m => new StyleSummary(m.Id, m.DisplayName, m.Family, m.SizeInBytes, m.Licence, m.Id == defaultId, m.Description))
                .ToList();
        }
    }
}
