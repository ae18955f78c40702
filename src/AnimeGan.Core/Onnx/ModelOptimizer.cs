using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.IO;
using AnimeGan.Core.Models;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// Makes optimized variants of installed style models (for example <c>hayao@int8</c>) and registers them
    /// in the models folder's <c>variants.json</c>, with their SHA-256, so every front end can use them by id
    /// and the store verifies them like any other model.
    /// </summary>
    public sealed class ModelOptimizer
    {
        /// <summary>The file in the models folder that lists the variants made here.</summary>
        public const string VariantsFile = "variants.json";

        private readonly ModelStore _store;

        /// <summary>Creates an optimizer over a model store.</summary>
        public ModelOptimizer(ModelStore store) => _store = Throw.IfNull(store);

        /// <summary>Gets the id a variant gets: the base id, '@', and the kind.</summary>
        public static string VariantId(string baseId, OptimizationKind kind) => baseId + "@" + (kind == OptimizationKind.Int8 ? "int8" : "fp32");

        /// <summary>Optimizes an installed style model and registers the result.</summary>
        /// <param name="styleId">An installed style id.</param>
        /// <param name="kind">What to make.</param>
        /// <param name="calibration">Sample pictures for INT8 activation ranges; null or empty quantizes weights only.</param>
        /// <param name="cancellationToken">Stops the work; nothing is registered.</param>
        /// <returns>The registered variant.</returns>
        public ModelEntry Optimize(string styleId, OptimizationKind kind, IEnumerable<PixelImage>? calibration = null, CancellationToken cancellationToken = default)
        {
            var entry = _store.Manifest.Get(styleId);
            if (entry.Kind != ModelKind.Style || entry.Id.Contains("@"))
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"'{entry.Id}' is not an original style model; optimize the style it came from.");
            var original = OnnxModelFile.Read(_store.GetVerifiedPath(entry));
            if (kind == OptimizationKind.Float32 && !Float16ToFloat32.UsesFloat16(original))
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"'{entry.Id}' is already float32.");

            // Variants start from the optimized float graph the engine runs anyway (see OptimizedGraphCache).
            var model = GraphOptimizer.Optimize(original).Model;

            if (kind == OptimizationKind.Int8)
            {
                var samples = calibration?.ToList() ?? new List<PixelImage>();
                var ranges = samples.Count > 0 ? Calibrator.Calibrate(model, samples, cancellationToken) : null;
                model = Int8Quantizer.Quantize(model, ranges);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var id = VariantId(entry.Id, kind);
            var fileName = Path.GetFileNameWithoutExtension(entry.FileName) + "." + id.Substring(id.IndexOf('@') + 1) + ".onnx";
            var path = Path.Combine(_store.Folder, fileName);
            Directory.CreateDirectory(_store.Folder);
            OnnxModelFile.Write(model, path);
            var variant = new ModelEntry(
                id,
                entry.DisplayName + (kind == OptimizationKind.Int8 ? " (INT8)" : " (float32)"),
                entry.Family,
                ModelKind.Style,
                fileName,
                new FileInfo(path).Length,
                Sha256File.Compute(path),
                entry.Licence,
                null,
                entry.Layout,
                "float32",
                $"{entry.Description} Optimized {(kind == OptimizationKind.Int8 ? "INT8" : "float32")} variant of '{entry.Id}'.");
            Register(variant);
            return variant;
        }

        private void Register(ModelEntry variant)
        {
            var path = Path.Combine(_store.Folder, VariantsFile);
            var existing = File.Exists(path) ? ModelManifest.Load(path).Models.Where(m => m.Id != variant.Id).ToList() : new List<ModelEntry>();
            existing.Add(variant);
            var temporary = FileMoves.TemporaryPathFor(path);
            try
            {
                File.WriteAllText(temporary, ModelManifest.FromEntries(existing).ToJson());
                FileMoves.Replace(temporary, path);
            }
            finally
            {
                FileMoves.TryDelete(temporary);
            }
        }
    }
}
