using System.Diagnostics;
using AnimeGan.Core.Animation;
using AnimeGan.Core.Faces;
using AnimeGan.Core.Onnx;
using AnimeGan.Core.Video;

namespace AnimeGan.Core
{
    /// <summary>
    /// The engine every front end drives: photo in, anime-style photo out, at full resolution. It caches one
    /// ONNX Runtime session per model for its lifetime, so a host keeps one engine and converts many
    /// pictures, from several threads if it likes. Dispose it to free the sessions.
    /// </summary>
    public sealed class AnimeGanEngine : IDisposable
    {
        /// <summary>
        /// The default cap on the long side the model runs at. At 1024 px faces and textures come out
        /// clean at typical photo sizes, while 1536 px costs more than twice the time for little visible
        /// gain (measurements in docs/performance.md).
        /// </summary>
        public const int DefaultMaxSize = 1024;

        private readonly ModelCache<StyleModel> _styles = new ModelCache<StyleModel>();

        /// <summary>
        /// The face detector used unless another is named: on the test portraits RetinaFace found every face
        /// with no false one, at a few tens of milliseconds (measurements in docs/faces.md).
        /// </summary>
        public const string DefaultFaceDetector = "retinaface";

        /// <summary>
        /// The most faces one picture has enhanced: its largest ones; the rest keep the scene pass. Each face is
        /// a model run of its own (about half a second on two cores, docs/faces.md), so without a bound a crowd
        /// of 100 faces took over five minutes; with it a picture's face work stays under about ten seconds.
        /// </summary>
        public const int MaxEnhancedFaces = 16;

        /// <summary>Gets or sets how faces are drawn when no face style is asked for (the portrait benchmark tries others).</summary>
        internal FaceTreatment FaceTreatment { get; set; } = FaceTreatment.Default;

        private readonly ModelCache<FaceDetectorModel> _detectors = new ModelCache<FaceDetectorModel>();

        private readonly OptimizedGraphCache _optimizedGraphs;
        // One precision measurement at a time: two first conversions of a style must not time each other.
        private readonly object _precisionGate = new object();
        private readonly int _intraOpThreads;
        private readonly MemoryArena _memoryArena;
        private volatile bool _disposed;
        private int _released;
        private int _running;

        /// <summary>Creates an engine over a model store.</summary>
        /// <param name="store">Where models are; null uses the default folder (see <see cref="ModelStore.ResolveFolder"/>).</param>
        /// <param name="intraOpThreads">ONNX Runtime threads per run; 0 means one per core.</param>
        /// <param name="memoryArena">
        /// What ONNX Runtime does with its CPU memory arena: kept (the default), repeated runs reuse it but it is
        /// never given back; a long-running server prefers it shrunk after each run, so an idle server holds
        /// little (docs/performance.md compares them).
        /// </param>
        public AnimeGanEngine(ModelStore? store = null, int intraOpThreads = 0, MemoryArena memoryArena = MemoryArena.Kept)
        {
            _memoryArena = memoryArena;
            Store = store ?? new ModelStore();
            _optimizedGraphs = new OptimizedGraphCache(Store);
            _intraOpThreads = intraOpThreads;
        }

        /// <summary>
        /// Gets how many conversions and stylizations are running in this engine now (a conversion counts once
        /// for itself and once for each picture it is stylizing). A host that stops, or a caller that has
        /// ended a batch, can see that nothing is still at work behind it.
        /// </summary>
        public int Running => Volatile.Read(ref _running);

        /// <summary>Gets the model store the engine loads from.</summary>
        public ModelStore Store { get; }

        /// <summary>Gets (loading once) the style model with the given id.</summary>
        /// <param name="id">A style id; null for the manifest's default.</param>
        /// <exception cref="AnimeGanException">Unknown, not installed, damaged, or not a style model.</exception>
        public StyleModel LoadStyle(string? id = null)
        {
            ThrowIfDisposed();
            var entry = Store.Manifest.Get(id ?? Store.Manifest.DefaultStyleId, ModelKind.Style);
            Store.GetVerifiedPath(entry);
            return _styles.GetOrLoad(entry.Id, () => new StyleModel(_optimizedGraphs.Resolve(entry), _intraOpThreads, _memoryArena));
        }

        /// <summary>Gets (loading once) a face detector.</summary>
        /// <param name="id">A face-detector id (<c>retinaface</c> or <c>yunet</c>); null for <see cref="DefaultFaceDetector"/>.</param>
        /// <exception cref="AnimeGanException">Unknown, not installed, damaged, or not a face detector.</exception>
        public IFaceDetector LoadFaceDetector(string? id = null)
        {
            ThrowIfDisposed();
            var entry = Store.Manifest.Get(id ?? DefaultFaceDetector, ModelKind.FaceDetector);
            var path = Store.GetVerifiedPath(entry);
            return _detectors.GetOrLoad(
                entry.Id,
                () => entry.Family == "YuNet" ? new YuNetDetector(entry, path, _intraOpThreads, _memoryArena) : new RetinaFaceDetector(entry, path, _intraOpThreads, _memoryArena));
        }

        /// <summary>Finds the faces in a picture with the given (or default) detector.</summary>
        public IReadOnlyList<DetectedFace> DetectFaces(PixelImage image, string? detectorId = null, CancellationToken cancellationToken = default)
        {
            BeginRun();
            try
            {
                return LoadFaceDetector(detectorId).Detect(Throw.IfNull(image), cancellationToken);
            }
            finally
            {
                EndRun();
            }
        }

        /// <summary>Stylizes a picture in memory.</summary>
        /// <param name="source">The picture, sRGB; its alpha is carried through unchanged.</param>
        /// <param name="options">Settings; null for all defaults.</param>
        /// <param name="cancellationToken">Stops the work, including a model run in progress.</param>
        /// <exception cref="AnimeGanException">The model cannot be loaded or run.</exception>
        public StylizeResult Stylize(PixelImage source, StylizeOptions? options = null, CancellationToken cancellationToken = default)
            => Stylize(source, null, options, onStage: null, faceSmoothing: null, cancellationToken);

        /// <summary>
        /// Stylizes a decoded photo, telling each stage as it starts. The result's <see cref="StylizeResult.Kept"/>
        /// carries the photo's metadata, so a server can keep it and write it later at any strength.
        /// </summary>
        /// <param name="photo">The photo, as <see cref="ImageDecoder"/> read it.</param>
        /// <param name="options">Settings; null for all defaults.</param>
        /// <param name="onStage">Called as each stage starts; null for none.</param>
        /// <param name="cancellationToken">Stops the work, including a model run in progress.</param>
        /// <exception cref="AnimeGanException">The model cannot be loaded or run.</exception>
        public StylizeResult StylizePhoto(DecodedImage photo, StylizeOptions? options, Action<ConversionStage>? onStage, CancellationToken cancellationToken)
            => Stylize(Throw.IfNull(photo).Pixels, photo.Metadata, options, onStage, faceSmoothing: null, cancellationToken);

        /// <summary>Stylizes one frame of a sequence, its faces kept steady against the previous frames'.</summary>
        internal StylizeResult StylizeFrame(PixelImage frame, StylizeOptions? options, FaceSmoothing faceSmoothing, CancellationToken cancellationToken)
            => Stylize(frame, null, options, onStage: null, faceSmoothing, cancellationToken);

        private StylizeResult Stylize(PixelImage source, ImageMetadata? metadata, StylizeOptions? options, Action<ConversionStage>? onStage, FaceSmoothing? faceSmoothing, CancellationToken cancellationToken)
        {
            BeginRun();
            try
            {
                return StylizeNow(source, metadata, options, onStage, faceSmoothing, cancellationToken);
            }
            finally
            {
                EndRun();
            }
        }

        private StylizeResult StylizeNow(PixelImage source, ImageMetadata? metadata, StylizeOptions? options, Action<ConversionStage>? onStage, FaceSmoothing? faceSmoothing, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            Throw.IfNull(source);
            options ??= new StylizeOptions();
            OptionLimits.Validate(options, parameterName: null);
            var strength = options.Strength ?? 1.0;
            var maxSize = options.MaxSize ?? DefaultMaxSize;
            var styleId = Store.Manifest.Get(options.Style ?? Store.Manifest.DefaultStyleId, ModelKind.Style).Id;
            metadata ??= ImageMetadata.Empty(RasterFormat.Png);

            // Strength 0 asks for the photo itself: the model need not run.
            if (strength == 0)
                return new StylizeResult(new KeptResult(source, source.Rgb, metadata), styleId, 0, false, 0, 0, Array.Empty<DetectedFace>(), new StageTimings());

            var (runId, precision) = ResolvePrecision(styleId, options.Precision ?? Precision.Auto);
            var model = LoadStyle(runId);
            var (workWidth, workHeight) = model.Contract.FixedWidth is int fw && model.Contract.FixedHeight is int fh
                ? (fw, fh)
                : WorkingSize.Choose(source.Width, source.Height, maxSize, model.SizeMultiple);

            onStage?.Invoke(ConversionStage.Stylizing);
            var timings = new StageTimings();
            var watch = Stopwatch.StartNew();
            var small = Resampler.Resize(source.Rgb, source.Width, source.Height, workWidth, workHeight);
            timings.Resize = watch.Elapsed;
            var styledSmall = model.Run(small, workWidth, workHeight, timings, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();

            watch.Restart();
            var styled = Upsample(small, styledSmall, workWidth, workHeight, source, options.Upsampling ?? UpsamplingMode.Guided);
            timings.Upsample = watch.Elapsed;
            var working = new PixelImage(workWidth, workHeight, small);
            watch.Restart();
            var (faces, notEnhanced) = EnhanceFaces(source, working, styled, runId, options, onStage, faceSmoothing, cancellationToken);
            timings.Faces = watch.Elapsed;
            return new StylizeResult(new KeptResult(source, styled, metadata), styleId, strength, options.KeepColors == true, workWidth, workHeight, faces, timings) { FacesNotEnhanced = notEnhanced, Precision = precision };
        }

        /// <summary>
        /// Converts one file: decode, stylize, and write atomically. The input is only ever read; the output
        /// appears complete or not at all.
        /// </summary>
        /// <param name="inputPath">The photo.</param>
        /// <param name="outputPath">Where to write; must not be the input.</param>
        /// <param name="options">Stylize settings; null for defaults.</param>
        /// <param name="output">Write settings; null for defaults (format from extension, no overwrite).</param>
        /// <param name="cancellationToken">Stops the conversion; no output is left.</param>
        /// <exception cref="AnimeGanException">Any failure, naming the file and the cause.</exception>
        public ConversionResult Convert(string inputPath, string outputPath, StylizeOptions? options = null, OutputOptions? output = null, CancellationToken cancellationToken = default)
        {
            var (result, staged) = Stage(inputPath, outputPath, options, output, onStage: null, onFrame: null, cancellationToken);
            using (staged)
                staged.Commit();
            return result;
        }

        /// <summary>
        /// Converts one file up to a complete temporary output beside the target, for the caller to commit
        /// (rename into place) or dispose (remove). The batch service commits each photo only when its
        /// consumer takes the result.
        /// </summary>
        /// <exception cref="AnimeGanException">Any failure, naming the file and the cause.</exception>
        internal (ConversionResult Result, StagedFile Output) Stage(string inputPath, string outputPath, StylizeOptions? options, OutputOptions? output, Action<ConversionStage>? onStage, Action<int, int>? onFrame, CancellationToken cancellationToken)
        {
            BeginRun();
            try
            {
                return StageNow(inputPath, outputPath, options, output, onStage, onFrame, cancellationToken);
            }
            finally
            {
                EndRun();
            }
        }

        private (ConversionResult Result, StagedFile Output) StageNow(string inputPath, string outputPath, StylizeOptions? options, OutputOptions? output, Action<ConversionStage>? onStage, Action<int, int>? onFrame, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            Throw.IfNullOrEmpty(inputPath);
            Throw.IfNullOrEmpty(outputPath);
            output ??= new OutputOptions();
            OptionLimits.Validate(output, parameterName: null);
            var stopwatch = Stopwatch.StartNew();
            var source = Path.GetFullPath(inputPath);
            var target = Path.GetFullPath(outputPath);
            if (OutputPaths.SamePath(source, target))
                throw new AnimeGanException(AnimeGanErrorCode.OutputIsInput, $"{target}: the output would overwrite its own input; choose another name or folder.", target);
            if (!output.Overwrite && File.Exists(target))
                throw StagedFile.Exists(target);

            if (VideoFiles.IsVideo(source))
            {
                if (!File.Exists(source))
                    throw new AnimeGanException(AnimeGanErrorCode.InputNotFound, $"{source}: no such file.", source);
                return VideoConverter.Stage(this, source, target, options, output, onStage, onFrame, cancellationToken);
            }

            var animatedFormat = output.Format ?? RasterFormats.FromExtension(target);
            if (animatedFormat is RasterFormat animated && AnimatedPictures.CanAnimate(animated) && File.Exists(source) && AnimatedPictures.AnimatedFormat(source) is RasterFormat sourceFormat)
                return AnimatedPictures.Stage(this, source, sourceFormat, target, animated, options, output, onStage, cancellationToken);

            onStage?.Invoke(ConversionStage.Reading);
            var decodeWatch = Stopwatch.StartNew();
            var decoded = ImageDecoder.Read(source);
            var decode = decodeWatch.Elapsed;
            cancellationToken.ThrowIfCancellationRequested();
            var result = Stylize(decoded.Pixels, decoded.Metadata, options, onStage, faceSmoothing: null, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var format = output.Format ?? RasterFormats.FromExtension(target) ?? decoded.Metadata.SourceFormat;
            result.Timings.Decode = decode;
            onStage?.Invoke(ConversionStage.Writing);
            var encodeWatch = Stopwatch.StartNew();
            var staged = ImageEncoder.Stage(result.Image, decoded.Metadata, target, format, output.Quality, output.Overwrite);
            result.Timings.Encode = encodeWatch.Elapsed;
            var conversion = ConversionResult.Of(source, target, result, result.Image.Width, result.Image.Height, result.Faces.Count, stopwatch.Elapsed);
            return (conversion, staged);
        }

        /// <summary>
        /// Frees the models' sessions. Runs still in progress (a server stopping while a conversion ends, a
        /// cancelled one still unwinding) finish first: the last of them frees the sessions, since ONNX Runtime
        /// must never see a session freed under a run.
        /// </summary>
        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            if (Volatile.Read(ref _running) == 0)
                ReleaseSessions();
        }

        /// <summary>Counts a run that uses the sessions; refused once the engine is disposed.</summary>
        private void BeginRun()
        {
            Interlocked.Increment(ref _running);
            if (_disposed)
            {
                EndRun();
                throw new ObjectDisposedException(nameof(AnimeGanEngine));
            }
        }

        private void EndRun()
        {
            if (Interlocked.Decrement(ref _running) == 0 && _disposed)
                ReleaseSessions();
        }

        private void ReleaseSessions()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
                return;
            _styles.Dispose();
            _detectors.Dispose();
        }

        /// <summary>
        /// The model a style runs as, and its precision: a variant id runs itself; float runs the style; INT8 runs its
        /// variant (which must have been made); auto runs INT8 only where this processor's verdict chose it.
        /// </summary>
        private (string RunId, Precision Precision) ResolvePrecision(string styleId, Precision asked)
        {
            if (styleId.Contains("@"))
                return (styleId, styleId.EndsWith("@int8", StringComparison.OrdinalIgnoreCase) ? Precision.Int8 : Precision.Float);
            if (asked == Precision.Float)
                return (styleId, Precision.Float);
            var variantId = Onnx.ModelOptimizer.VariantId(styleId, Onnx.OptimizationKind.Int8);
            if (asked == Precision.Int8)
            {
                if (Store.Manifest.Find(variantId) is not ModelEntry variant || !Store.IsInstalled(variant))
                    throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"'{styleId}' has no INT8 graph on this machine yet; make it with the optimize command, or run it in float precision.");
                return (variantId, Precision.Int8);
            }

            var style = Store.Manifest.Get(styleId, ModelKind.Style);
            var verdict = Onnx.PrecisionVerdicts.Current(Store, style) ?? MeasureMadeVariant(style);
            return verdict?.Runs == Precision.Int8 ? (variantId, Precision.Int8) : (styleId, Precision.Float);
        }

        /// <summary>
        /// Decides a style's precision on this processor when its INT8 graph is here but was never measured here: one
        /// that came made (a release's models, an image built elsewhere, a folder copied from another machine). Measuring
        /// takes a few runs of each graph, paid once by the first conversion; making a graph, which takes far longer,
        /// is left to install. Null when there is nothing to measure or measuring failed: the style then runs float.
        /// </summary>
        private Onnx.PrecisionVerdict? MeasureMadeVariant(ModelEntry style)
        {
            var optimizer = new Onnx.ModelOptimizer(Store);
            if (optimizer.MadeVariant(style) == null)
                return null;
            lock (_precisionGate)
            {
                try
                {
                    // A verdict another conversion made while this one waited is returned as it is.
                    return optimizer.DecidePrecision(style.Id);
                }
                catch (AnimeGanException)
                {
                    return null;
                }
            }
        }

        /// <summary>The precision <see cref="Precision.Auto"/> runs a style in on this processor, and why, for listings.</summary>
        /// <returns>The verdict that holds here, or null when none was made (the style then runs float).</returns>
        public Onnx.PrecisionVerdict? PrecisionOf(string styleId)
            => Onnx.PrecisionVerdicts.Current(Store, Store.Manifest.Get(Throw.IfNullOrEmpty(styleId), ModelKind.Style));

        private (IReadOnlyList<DetectedFace> Enhanced, int NotEnhanced) EnhanceFaces(PixelImage source, PixelImage working, byte[] styled, string styleId, StylizeOptions options, Action<ConversionStage>? onStage, FaceSmoothing? faceSmoothing, CancellationToken cancellationToken)
        {
            if (options.Faces == false)
                return (Array.Empty<DetectedFace>(), 0);
            var detectorEntry = Store.Manifest.Get(options.FaceDetector ?? DefaultFaceDetector, ModelKind.FaceDetector);
            if (options.Faces == null && !Store.IsInstalled(detectorEntry))
                return (Array.Empty<DetectedFace>(), 0);

            // Detect on the working-size copy already made for the model (never smaller than the detection
            // size for photos that are larger), instead of resampling the full photo once more.
            onStage?.Invoke(ConversionStage.FindingFaces);
            var detectOn = Math.Max(working.Width, working.Height) >= FaceDetectorModel.DetectionSize || working.Width >= source.Width ? working : source;
            var faces = LoadFaceDetector(detectorEntry.Id).Detect(detectOn, cancellationToken);
            if (faces.Count == 0)
            {
                faceSmoothing?.Smooth(faces);
                return (faces, 0);
            }

            if (detectOn != source)
                faces = faces.Select(f => f.Scaled((float)source.Width / working.Width, (float)source.Height / working.Height)).ToList();
            if (faceSmoothing != null)
                faces = faceSmoothing.Smooth(faces);
            onStage?.Invoke(ConversionStage.EnhancingFaces);
            var treatment = options.FaceStyle == null ? FaceTreatment : FaceTreatment.SceneStyle with { Style = options.FaceStyle };
            var eligible = faces.Where(f => f.Box.Width >= FaceGeometry.MinimumFaceSize).ToList();
            var largest = new HashSet<DetectedFace>(eligible.OrderByDescending(f => f.Box.Area).Take(MaxEnhancedFaces));
            return (FaceCompositor.Apply(source, styled, faces.Where(largest.Contains), id => LoadStyle(id ?? styleId), treatment, cancellationToken), eligible.Count - largest.Count);
        }

        private static byte[] Upsample(byte[] small, byte[] styledSmall, int workWidth, int workHeight, PixelImage source, UpsamplingMode mode)
        {
            if (workWidth == source.Width && workHeight == source.Height)
                return styledSmall;
            return mode == UpsamplingMode.Guided
                ? GuidedUpsampler.Upsample(small, styledSmall, workWidth, workHeight, source.Rgb, source.Width, source.Height)
                : Resampler.Resize(styledSmall, workWidth, workHeight, source.Width, source.Height);
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
                throw new ObjectDisposedException(nameof(AnimeGanEngine));
        }
    }
}
