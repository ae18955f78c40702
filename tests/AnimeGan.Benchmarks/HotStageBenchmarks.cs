using AnimeGan.Core.Inference;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// BenchmarkDotNet over the per-pixel stages that run outside the model, at the sizes of a 12-megapixel
    /// photo and its 1024-pixel working copy: `dotnet run -c Release --project tests/AnimeGan.Benchmarks -- stages`.
    /// </summary>
    [MemoryDiagnoser]
    public class HotStageBenchmarks
    {
        private const int FullWidth = 4000;
        private const int FullHeight = 3000;
        private const int WorkWidth = 1024;
        private const int WorkHeight = 768;

        private byte[] _full = Array.Empty<byte>();
        private byte[] _styledFull = Array.Empty<byte>();
        private byte[] _work = Array.Empty<byte>();
        private byte[] _styledWork = Array.Empty<byte>();
        private float[] _tensor = Array.Empty<float>();
        private Float16[] _halfTensor = Array.Empty<Float16>();

        [GlobalSetup]
        public void Setup()
        {
            var random = new Random(7);
            _full = new byte[FullWidth * FullHeight * 3];
            _styledFull = new byte[_full.Length];
            _work = new byte[WorkWidth * WorkHeight * 3];
            _styledWork = new byte[_work.Length];
            random.NextBytes(_full);
            random.NextBytes(_styledFull);
            random.NextBytes(_work);
            random.NextBytes(_styledWork);
            _tensor = TensorPacking.Pack(_styledWork, WorkWidth, WorkHeight, TensorLayout.Nhwc);
            _halfTensor = TensorPacking.PackHalf(_styledWork, WorkWidth, WorkHeight, TensorLayout.Nhwc);
        }

        [Benchmark(Description = "downscale 12 MP to working size")]
        public byte[] Downscale() => Resampler.Resize(_full, FullWidth, FullHeight, WorkWidth, WorkHeight);

        [Benchmark(Description = "guided upsampling to 12 MP")]
        public byte[] GuidedUpsample() => GuidedUpsampler.Upsample(_work, _styledWork, WorkWidth, WorkHeight, _full, FullWidth, FullHeight);

        [Benchmark(Description = "strength blend 12 MP")]
        public byte[] Blend() => ResultBlend.Apply(_full, _styledFull, 0.7, keepColors: false);

        [Benchmark(Description = "keep colours 12 MP")]
        public byte[] KeepColors() => ResultBlend.Apply(_full, _styledFull, 1, keepColors: true);

        [Benchmark(Description = "pack float16 tensor 1024x768")]
        public object PackHalf() => TensorPacking.PackHalf(_work, WorkWidth, WorkHeight, TensorLayout.Nhwc);

        [Benchmark(Description = "pack float32 tensor 1024x768")]
        public object Pack() => TensorPacking.Pack(_work, WorkWidth, WorkHeight, TensorLayout.Nhwc);

        [Benchmark(Description = "unpack float16 tensor 1024x768")]
        public byte[] UnpackHalf() => TensorPacking.UnpackHalf(_halfTensor, WorkWidth, WorkHeight, TensorLayout.Nhwc);

        [Benchmark(Description = "unpack float32 tensor 1024x768")]
        public byte[] Unpack() => TensorPacking.Unpack(_tensor, WorkWidth, WorkHeight, TensorLayout.Nhwc);
    }
}
