using AnimeGan.Core.Models;
using AnimeGan.Core.Onnx;

namespace AnimeGan.Cli.Commands
{
    /// <summary>`models list`: the models folder and whether to print JSON.</summary>
    internal sealed record ModelsListArgs(string? ModelsFolder, bool Json);

    /// <summary>`models install`: the request as the engine's installer takes it.</summary>
    internal sealed record ModelsInstallArgs(string? ModelsFolder, ModelInstallRequest Request, string? Mirror = null);

    /// <summary>`models verify`: the ids to check; none checks every installed model.</summary>
    internal sealed record ModelsVerifyArgs(string? ModelsFolder, IReadOnlyList<string> Ids);

    /// <summary>`models optimize`: the style, the kind of variant, and an optional folder of calibration photos.</summary>
    internal sealed record ModelsOptimizeArgs(string? ModelsFolder, string Style, OptimizationKind Kind, string? CalibrationFolder);
}
