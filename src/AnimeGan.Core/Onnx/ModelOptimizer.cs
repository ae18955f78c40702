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

        /// <summary>
        /// Below this speed-up over its base style a variant does not pay off: the verdict says so (timing noise on a busy
        /// machine is about 5%).
        /// </summary>
        public const double WorthwhileSpeedup = 1.05;

        /// <summary>
        /// Below this SSIM against its base style's output on a drawn scene, a variant's pictures look different enough
        /// that the verdict says so (the INT8 quality target of docs/optimizer.md for most styles is 0.97).
        /// </summary>
        public const double FaithfulSimilarity = 0.95;

        private readonly ModelStore _store;

        /// <summary>Creates an optimizer over a model store.</summary>
        public ModelOptimizer(ModelStore store) => _store = Throw.IfNull(store);

        /// <summary>Gets the id a variant gets: the base id, '@', and the kind.</summary>
        public static string VariantId(string baseId, OptimizationKind kind) => baseId + "@" + (kind == OptimizationKind.Int8 ? "int8" : "fp32");

        /// <summary>Optimizes an installed style model and registers the result.</summary>
        /// <param name="styleId">An installed style id.</param>
        /// <param name="kind">What to make.</param>
        /// <param name="calibration">Sample pictures for INT8 activation ranges; null or empty uses the built-in drawn scenes (<see cref="BuiltInCalibration"/>).</param>
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
                if (samples.Count == 0)
                    samples = BuiltInCalibration().ToList();
                model = Int8Quantizer.Quantize(model, Calibrator.Calibrate(model, samples, cancellationToken));
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

        /// <summary>
        /// Makes and registers a variant, then times it against its base style on this CPU, so the caller learns
        /// in one step what to use and whether it pays off here.
        /// </summary>
        /// <param name="styleId">An installed style id.</param>
        /// <param name="kind">What to make.</param>
        /// <param name="calibration">Sample pictures for INT8 activation ranges; null or empty uses the built-in drawn scenes.</param>
        /// <param name="cancellationToken">Stops the work.</param>
        public OptimizationVerdict OptimizeAndCompare(string styleId, OptimizationKind kind, IReadOnlyList<PixelImage>? calibration = null, CancellationToken cancellationToken = default)
        {
            var variant = Optimize(styleId, kind, calibration, cancellationToken);
            var (speedup, similarity) = Compare(variant.Id, cancellationToken);
            var builtIn = kind == OptimizationKind.Int8 && (calibration == null || calibration.Count == 0);
            return new OptimizationVerdict(variant, variant.Id.Split('@')[0], speedup, builtIn, similarity);
        }

        /// <summary>
        /// The calibration set used when the user gives none: eight photo-like scenes drawn by
        /// <c>SyntheticPictures</c> (sky, hills, buildings, faces, sensor noise) at 512x384. Weights-only INT8 is folded
        /// back to float by ONNX Runtime and gains nothing, so INT8 is always calibrated; drawn scenes need no photo
        /// shipped with the toolkit.
        /// </summary>
        public static IEnumerable<PixelImage> BuiltInCalibration()
            => Enumerable.Range(1, 8).Select(seed => SyntheticPictures.Scene(seed, 512, 384));

        /// <summary>
        /// Measures on this CPU how many times faster a registered variant runs than the graph the engine runs for
        /// its base style (ratio of the minima of alternating runs at 768x432), and how alike their outputs look.
        /// </summary>
        private (double Speedup, double Similarity) Compare(string variantId, CancellationToken cancellationToken = default)
        {
            var variant = _store.Manifest.Get(variantId);
            var baseEntry = _store.Manifest.Get(variantId.Split('@')[0]);
            var runnable = new OptimizedGraphCache(_store).Resolve(baseEntry);
            using var reference = new StyleModel(runnable, 0);
            using var candidate = new StyleModel(variant, _store.GetVerifiedPath(variant));
            const int width = 768, height = 432;
            var scene = SyntheticPictures.Scene(3, width, height).Rgb;
            var similarity = StructuralSimilarity.Mean(
                new PixelImage(width, height, reference.Run(scene, width, height, cancellationToken)),
                new PixelImage(width, height, candidate.Run(scene, width, height, cancellationToken)));
            double best(StyleModel model, double sofar)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                model.Run(scene, width, height, cancellationToken);
                return System.Math.Min(sofar, watch.Elapsed.TotalMilliseconds);
            }

            double referenceMs = double.MaxValue, candidateMs = double.MaxValue;
            for (var round = 0; round < 3; round++)
            {
                referenceMs = best(reference, referenceMs);
                candidateMs = best(candidate, candidateMs);
            }

            return (referenceMs / candidateMs, similarity);
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
