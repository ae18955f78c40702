using System.Management.Automation;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.Models;
using AnimeGan.Core.Onnx;

namespace AnimeGan.PowerShell.Cmdlets
{
    /// <summary>Optimize-AnimeModel: makes an INT8 or float32 variant of a style and registers it (e.g. hayao@int8).</summary>
    [Cmdlet(VerbsCommon.Optimize, "AnimeModel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.OptimizeAnimeModel)]
    [OutputType(typeof(AnimeStyleInfo))]
    public sealed class OptimizeAnimeModelCommand : CancellableCmdlet
    {
        /// <summary>Gets or sets the style to optimize.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Style")]
        [ArgumentCompleter(typeof(OptimizableStyleCompleter))]
        public string Name { get; set; } = "";

        /// <summary>Gets or sets what to make: Int8 or Float32 (a string, so importing the module needs no engine type).</summary>
        [Parameter(Mandatory = true)]
        [ValidateSet("Int8", "Float32", IgnoreCase = true)]
        public string Kind { get; set; } = "Int8";

        /// <summary>Gets or sets a folder of sample photos for INT8 activation ranges.</summary>
        [Parameter]
        public string? CalibrationPath { get; set; }

        /// <summary>Gets or sets the models folder.</summary>
        [Parameter]
        public string? ModelsPath { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var store = new ModelStore(ProviderPaths.FileSystemFolder(this, ModelsPath, nameof(ModelsPath)));
            var kind = string.Equals(Kind, "Float32", StringComparison.OrdinalIgnoreCase) ? OptimizationKind.Float32 : OptimizationKind.Int8;
            if (store.Manifest.Find(Name) is ModelEntry { IsVariant: true })
            {
                WriteError(new ErrorRecord(
                    new ArgumentException($"'{Name}' is an optimized variant already; optimize its style, '{Name.Substring(0, Name.IndexOf('@'))}'."),
                    "AlreadyAVariant",
                    ErrorCategory.InvalidArgument,
                    Name));
                return;
            }

            var id = ModelOptimizer.VariantId(Name, kind);
            if (!ShouldProcess(id, $"Optimize '{Name}' ({kind})"))
                return;
            try
            {
                var calibration = ProviderPaths.FileSystemFolder(this, CalibrationPath, nameof(CalibrationPath));
                var samples = calibration == null ? Array.Empty<PixelImage>() : Calibrator.ReadSamples(calibration);

                var verdict = new ModelOptimizer(store).OptimizeAndCompare(Name, kind, samples, CancellationToken);
                if (verdict.PaysOff)
                    WriteVerbose($"{verdict.Variant.Id}: {verdict.Speedup:0.00}x as fast as {verdict.BaseId} on this CPU; its output looks alike (SSIM {verdict.Similarity:0.000} on a drawn scene).");
                else if (!verdict.IsFastEnough)
                    WriteWarning($"{verdict.Variant.Id} runs {verdict.Speedup:0.00}x as fast as {verdict.BaseId} on this CPU, so it does not pay off here; keep using -Style {verdict.BaseId}.");
                else
                    WriteWarning($"{verdict.Variant.Id} runs {verdict.Speedup:0.00}x as fast as {verdict.BaseId} on this CPU, but its output looks different (SSIM {verdict.Similarity:0.000} against {verdict.BaseId}'s on a drawn scene, below {ModelOptimizer.FaithfulSimilarity}); keep using -Style {verdict.BaseId} where that matters.");
                if (kind == OptimizationKind.Int8)
                {
                    // The default precision is decided on the variant just made, as the command line decides it.
                    var precision = new ModelOptimizer(store).DecidePrecision(verdict.BaseId, null, CancellationToken);
                    WriteVerbose($"{verdict.BaseId}: runs by default on this processor in {precision.Reason} (-Precision Auto).");
                }

                WriteObject(new AnimeStyleInfo(verdict.Variant, true, false, store.GetPath(verdict.Variant), StyleSummary.DescribePrecision(store, verdict.Variant)));
            }
            catch (AnimeGanException ex)
            {
                WriteError(ErrorRecords.From(ex, Name));
            }
        }
    }
}
