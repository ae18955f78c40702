using AnimeGan.Core.Batches;

namespace AnimeGan.PowerShell
{
    /// <summary>What Convert-ToAnime asks the engine to do, once its parameters are mapped and its pipeline input planned.</summary>
    /// <param name="ModelsFolder">-ModelsPath as given, or null.</param>
    /// <param name="Conversions">The photos ShouldProcess allowed, with their outputs.</param>
    /// <param name="Options">The batch settings the parameters map to.</param>
    internal sealed record ConvertRequest(string? ModelsFolder, IReadOnlyList<PlannedConversion> Conversions, BatchOptions Options);
}
