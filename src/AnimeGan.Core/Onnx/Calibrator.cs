using AnimeGan.Core.Onnx.Proto;
using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Onnx
{
    /// <summary>Runs a float32 model on sample pictures and records the range of every float tensor its nodes make.</summary>
    public static class Calibrator
    {
        /// <summary>The long side sample pictures are run at: large enough for typical activations, small enough to be quick.</summary>
        public const int CalibrationSize = 512;

        /// <summary>The most sample photos used: more add time, not accuracy, for ranges of a generator.</summary>
        public const int MaxSamples = 32;

        /// <summary>Reads up to <see cref="MaxSamples"/> photos from a folder, in name order, for calibration.</summary>
        /// <exception cref="AnimeGanException">No such folder, no photo in it, or a photo that cannot be read.</exception>
        public static IReadOnlyList<PixelImage> ReadSamples(string folder)
        {
            Throw.IfNullOrEmpty(folder);
            if (!System.IO.Directory.Exists(folder))
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"{folder}: no such folder of sample photos.", folder);
            var files = System.IO.Directory.EnumerateFiles(folder)
                .Where(f => RasterFormats.FromExtension(f) != null && !System.IO.Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Take(MaxSamples)
                .ToList();
            if (files.Count == 0)
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"{folder}: no photos to calibrate with.", folder);
            return files.Select(f => ImageDecoder.Read(f).Pixels).ToList();
        }

        /// <summary>Gathers activation ranges.</summary>
        /// <param name="floatModel">A float32 model.</param>
        /// <param name="samples">Sample pictures (the shared photos, or the user's own).</param>
        /// <param name="cancellationToken">Stops calibration, including a run in progress.</param>
        /// <param name="clippedTail">The share of a large tensor's values clipped at each end (<see cref="TensorRanges.DefaultClippedTail"/>).</param>
        internal static TensorRanges Calibrate(ModelProto floatModel, IEnumerable<PixelImage> samples, CancellationToken cancellationToken = default, double clippedTail = TensorRanges.DefaultClippedTail)
        {
            Throw.IfNull(floatModel);
            Throw.IfNull(samples);
            var probe = Int8Quantizer.WithEveryTensorAsOutput(floatModel);
            using var options = SessionOptionsFactory.Create(0, MemoryArena.Kept);
            using var session = LibraryFailures.OpenSession(() => new InferenceSession(OnnxModelFile.ToBytes(probe), options), "calibration model", "model");
            var contract = TensorContract.Read(session.InputMetadata, session.OutputMetadata, "calibration model");
            var ranges = new TensorRanges(clippedTail);
            var count = 0;
            foreach (var sample in samples)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (width, height) = WorkingSize.Choose(sample.Width, sample.Height, CalibrationSize, 16);
                var rgb = Resampler.Resize(sample.Rgb, sample.Width, sample.Height, width, height);
                using var input = OrtValue.CreateTensorValueFromMemory(TensorPacking.Pack(rgb, width, height, contract.Layout), contract.Shape(height, width));
                using var outputs = CancellableRun.Run(
                    session,
                    new[] { contract.InputName },
                    new[] { input },
                    session.OutputNames,
                    MemoryArena.Kept,
                    cancellationToken,
                    ex => LibraryFailures.RunFailed(ex, "calibration model", $"calibration at {width}x{height}"));
                ranges.Observe(contract.InputName, input.GetTensorDataAsSpan<float>(), input.GetTensorTypeAndShape().Shape);
                for (var i = 0; i < outputs.Count; i++)
                {
                    var info = outputs[i].GetTensorTypeAndShape();
                    if (info.ElementDataType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
                        ranges.Observe(session.OutputNames[i], outputs[i].GetTensorDataAsSpan<float>(), info.Shape);
                }

                count++;
            }

            if (count == 0)
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, "Calibration needs at least one sample picture.");
            return ranges;
        }
    }
}
