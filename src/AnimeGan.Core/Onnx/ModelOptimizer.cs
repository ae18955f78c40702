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
        /// Decides which precision <see cref="Precision.Auto"/> runs for a style on this processor: makes its INT8
        /// variant when it has none (or when the style file changed since), times it against the float graph and
        /// compares their outputs on the built-in scenes and photos, then keeps the verdict beside the variants. A verdict that
        /// still holds (same processor, style file and variant) is returned as it is, at no cost.
        /// </summary>
        /// <param name="styleId">An installed original style id.</param>
        /// <param name="onStep">Told each step in a few words ("making the INT8 graph", "measuring"), for a progress display.</param>
        /// <param name="cancellationToken">Stops the work; no verdict is kept.</param>
        public PrecisionVerdict DecidePrecision(string styleId, Action<string>? onStep = null, CancellationToken cancellationToken = default)
        {
            var entry = _store.Manifest.Get(styleId, ModelKind.Style);
            if (entry.IsVariant)
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"'{entry.Id}' is a variant; decide the precision of the style it came from.");
            if (PrecisionVerdicts.Current(_store, entry) is PrecisionVerdict current)
                return current;

            var variant = MadeVariant(entry);
            if (variant == null)
            {
                onStep?.Invoke("making its INT8 graph (about half a minute)");
                variant = Optimize(entry.Id, OptimizationKind.Int8, null, cancellationToken);
            }

            onStep?.Invoke("measuring INT8 against float on this processor");
            // Looks first: INT8 that looks different runs float however fast it is, so it is not timed.
            var similarity = LowestSimilarity(entry, variant, cancellationToken);
            var speedup = 0.0;
            if (similarity >= PrecisionVerdict.MinimumSimilarity)
            {
                // Five alternating rounds: the verdict sits on a threshold, and one busy moment must not decide it.
                speedup = Compare(variant.Id, cancellationToken, rounds: 5).Speedup;
                speedup = MeasuredSpeedupHook?.Invoke(entry.Id, speedup) ?? speedup;
            }

            var verdict = new PrecisionVerdict(entry.Id, PrecisionVerdict.Choose(speedup, similarity), speedup, similarity, Inference.ProcessorFeatures.Key, entry.Sha256, variant.Sha256);
            PrecisionVerdicts.Save(_store, verdict);
            return verdict;
        }

        /// <summary>
        /// The style's INT8 variant when one made from this style file is installed here (made by an install, or
        /// shipped made); null when <see cref="DecidePrecision"/> would have to make it first.
        /// </summary>
        internal ModelEntry? MadeVariant(ModelEntry style)
        {
            var variant = _store.Manifest.Find(VariantId(style.Id, OptimizationKind.Int8));
            return variant != null && _store.IsInstalled(variant) && !PrecisionVerdicts.MadeFromAnotherFile(_store, style) ? variant : null;
        }

        /// <summary>Replaces a measured INT8 speed-up (style id, measured) in tests, to show what a slower variant gets.</summary>
        internal static Func<string, double, double>? MeasuredSpeedupHook { get; set; }

        /// <summary>
        /// The lowest SSIM of the variant's output against the float graph's over three built-in scenes at 512x384
        /// and three real photos embedded in the engine (a portrait, a cat, a cup): INT8 that holds on drawn scenes
        /// can still drift on a photo's textures, which is what users convert.
        /// </summary>
        private double LowestSimilarity(ModelEntry entry, ModelEntry variant, CancellationToken cancellationToken)
        {
            using var reference = new StyleModel(new OptimizedGraphCache(_store).Resolve(entry), 0);
            using var candidate = new StyleModel(variant, _store.GetVerifiedPath(variant));
            var lowest = 1.0;
            foreach (var picture in new[] { 2, 5, 7 }.Select(seed => SyntheticPictures.Scene(seed, 512, 384)).Concat(VerdictPhotos()))
            {
                var ssim = StructuralSimilarity.Mean(
                    new PixelImage(picture.Width, picture.Height, reference.Run(picture.Rgb, picture.Width, picture.Height, cancellationToken)),
                    new PixelImage(picture.Width, picture.Height, candidate.Run(picture.Rgb, picture.Width, picture.Height, cancellationToken)));
                lowest = Math.Min(lowest, ssim);
            }

            return lowest;
        }

        /// <summary>The real photos the verdict compares on (Onnx/VerdictPhotos: public domain and CC0), at sizes every style takes (sides multiples of 64).</summary>
        private static IEnumerable<PixelImage> VerdictPhotos()
        {
            var assembly = typeof(ModelOptimizer).Assembly;
            foreach (var name in new[] { "astronaut", "chelsea", "coffee" })
            {
                using var stream = assembly.GetManifestResourceStream($"AnimeGan.Core.VerdictPhotos.{name}.jpg")
                    ?? throw new InvalidOperationException($"The engine was built without its verdict photo {name}.jpg.");
                yield return ImageDecoder.Read(stream, name + ".jpg").Pixels;
            }
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
        private (double Speedup, double Similarity) Compare(string variantId, CancellationToken cancellationToken = default, int rounds = 3)
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
            for (var round = 0; round < rounds; round++)
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
