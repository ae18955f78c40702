using AnimeGan.Core.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AnimeGan.Core.Inference
{
    /// <summary>
    /// One loaded AnimeGAN generator. It holds the only <see cref="InferenceSession"/> for its file and is
    /// safe to call from several threads at once, so front ends load a model once and reuse it. Whoever
    /// creates it owns it and must dispose it (the engine's cache does this for cached models).
    /// </summary>
    public sealed class StyleModel : IDisposable
    {
        private static readonly int[] MultipleCandidates = { 1, 2, 4, 8, 16, 32, 64 };
        private readonly InferenceSession _session;
        private readonly MemoryArena _memoryArena;
        private readonly Lazy<int> _sizeMultiple;

        /// <summary>Loads a model file.</summary>
        /// <param name="entry">The manifest entry; its layout and element type are checked against the file.</param>
        /// <param name="path">The verified model file.</param>
        /// <param name="intraOpThreads">Threads ONNX Runtime may use inside one run; 0 means one per core.</param>
        /// <param name="memoryArena">What ONNX Runtime does with its CPU memory arena between runs (see <see cref="AnimeGanEngine(ModelStore, int, MemoryArena)"/>).</param>
        /// <exception cref="AnimeGanException">The file cannot be loaded or is not a style generator.</exception>
        public StyleModel(ModelEntry entry, string path, int intraOpThreads = 0, MemoryArena memoryArena = MemoryArena.Kept)
        {
            Entry = Throw.IfNull(entry);
            Throw.IfNullOrEmpty(path);
            _memoryArena = memoryArena;
            using (var options = SessionOptionsFactory.Create(intraOpThreads, memoryArena))
                _session = LibraryFailures.OpenSession(() => new InferenceSession(path, options), path, "model");

            try
            {
                Contract = TensorContract.Read(_session.InputMetadata, _session.OutputMetadata, path);
                if (!string.Equals(Contract.LayoutName, entry.Layout, StringComparison.OrdinalIgnoreCase)
                    || !string.Equals(Contract.ElementTypeName, entry.ElementType, StringComparison.OrdinalIgnoreCase))
                {
                    throw new AnimeGanException(
                        AnimeGanErrorCode.ModelContractUnsupported,
                        $"{path}: the file is {Contract.LayoutName} {Contract.ElementTypeName}, but the manifest says {entry.Layout} {entry.ElementType} for '{entry.Id}'.",
                        path);
                }
            }
            catch
            {
                _session.Dispose();
                throw;
            }

            Path = path;
            _sizeMultiple = new Lazy<int>(ProbeSizeMultiple, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>Loads the file the optimized-graph cache chose for a style.</summary>
        internal StyleModel(GraphToRun runnable, int intraOpThreads, MemoryArena memoryArena = MemoryArena.Kept)
            : this(Throw.IfNull(runnable).Entry, runnable.Path, intraOpThreads, memoryArena)
        {
            RunsOptimizedGraph = runnable.IsOptimized;
            GraphNote = runnable.Note;
        }

        /// <summary>Gets whether the optimized graph runs (see <see cref="OptimizedGraphCache"/>), so a front end can say when a style runs slower than it could.</summary>
        public bool RunsOptimizedGraph { get; }

        /// <summary>Gets what was done to the graph that runs, or why the original runs; empty for a file loaded directly.</summary>
        public string GraphNote { get; } = string.Empty;

        /// <summary>Gets the manifest entry.</summary>
        public ModelEntry Entry { get; }

        /// <summary>Gets the file the session was loaded from.</summary>
        public string Path { get; }

        /// <summary>Gets the tensor contract read from the file.</summary>
        internal TensorContract Contract { get; }

        /// <summary>
        /// Gets the number both sides of the input must be a multiple of. ONNX files do not state it, so it
        /// is found once by running the model on small sizes and keeping the first that comes back whole.
        /// </summary>
        public int SizeMultiple => _sizeMultiple.Value;

        /// <summary>Stylizes RGB bytes at exactly the given size (which must suit the model).</summary>
        /// <param name="rgb">width * height * 3 bytes.</param>
        /// <param name="width">Width in pixels.</param>
        /// <param name="height">Height in pixels.</param>
        /// <param name="cancellationToken">Cancels a run in progress through ONNX Runtime's terminate flag.</param>
        /// <returns>New RGB bytes of the same size.</returns>
        public byte[] Run(byte[] rgb, int width, int height, CancellationToken cancellationToken = default)
            => Run(rgb, width, height, null, cancellationToken);

        /// <summary>Stylizes, recording pack, run and unpack times into <paramref name="timings"/> when given.</summary>
        internal byte[] Run(byte[] rgb, int width, int height, StageTimings? timings, CancellationToken cancellationToken)
        {
            Throw.IfNull(rgb);
            if (rgb.Length != width * height * 3)
                throw new ArgumentException($"Expected {width * height * 3} bytes for {width}x{height}.", nameof(rgb));

            var shape = Contract.Shape(height, width);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using var input = CreateInput(rgb, width, height, shape);
            if (timings != null)
                timings.Pack += watch.Elapsed;
            watch.Restart();
            using var outputs = CancellableRun.Run(
                _session,
                new[] { Contract.InputName },
                new[] { input },
                new[] { Contract.OutputName },
                _memoryArena,
                cancellationToken,
                ex => LibraryFailures.RunFailed(ex, Path, $"inference at {width}x{height}"));
            if (timings != null)
                timings.Inference += watch.Elapsed;
            var output = outputs[0];
            var outShape = output.GetTensorTypeAndShape().Shape;
            if (outShape.Length != 4 || outShape[0] != 1 || outShape[1] != shape[1] || outShape[2] != shape[2] || outShape[3] != shape[3])
            {
                throw new AnimeGanException(
                    AnimeGanErrorCode.InferenceFailed,
                    $"{Path}: for a {width}x{height} input the model returned [{string.Join(",", outShape)}]; the size must be a multiple of its stride.",
                    Path);
            }

            watch.Restart();
            var pixels = Contract.ElementType == TensorElementType.Float16
                ? TensorPacking.UnpackHalf(output.GetTensorDataAsSpan<Float16>(), width, height, Contract.Layout)
                : TensorPacking.Unpack(output.GetTensorDataAsSpan<float>(), width, height, Contract.Layout);
            if (timings != null)
                timings.Unpack += watch.Elapsed;
            return pixels;
        }

        /// <inheritdoc />
        public void Dispose() => _session.Dispose();

        private OrtValue CreateInput(byte[] rgb, int width, int height, long[] shape)
        {
            if (Contract.ElementType == TensorElementType.Float16)
                return OrtValue.CreateTensorValueFromMemory(TensorPacking.PackHalf(rgb, width, height, Contract.Layout), shape);
            return OrtValue.CreateTensorValueFromMemory(TensorPacking.Pack(rgb, width, height, Contract.Layout), shape);
        }

        private int ProbeSizeMultiple()
        {
            if (Contract.FixedHeight != null || Contract.FixedWidth != null)
                return 1;
            foreach (var multiple in MultipleCandidates)
            {
                // 128 + m is a multiple of m but of no larger power of two, so only a model whose
                // stride divides m can return the same size.
                var size = 128 + multiple;
                try
                {
                    Run(new byte[size * size * 3], size, size);
                    return multiple;
                }
                catch (AnimeGanException ex) when (ex.Code == AnimeGanErrorCode.InferenceFailed)
                {
                }
            }

            throw new AnimeGanException(AnimeGanErrorCode.ModelContractUnsupported, $"{Path}: the model returned no image of the input's size at any tried size.", Path);
        }

    }
}
