using System;
using AnimeGan.Core.Imaging;
using BenchmarkDotNet.Attributes;

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
        }

        [Benchmark(Description = "downscale 12 MP to working size")]
        public byte[] Downscale() => Resampler.Resize(_full, FullWidth, FullHeight, WorkWidth, WorkHeight);

        [Benchmark(Description = "guided upsampling to 12 MP")]
        public byte[] GuidedUpsample() => GuidedUpsampler.Upsample(_work, _styledWork, WorkWidth, WorkHeight, _full, FullWidth, FullHeight);

        [Benchmark(Description = "strength blend 12 MP")]
        public byte[] Blend() => StrengthBlend.Mix(_full, _styledFull, 0.7);

        [Benchmark(Description = "pack float16 tensor 1024x768")]
        public object PackHalf() => Core.Inference.TensorPacking.PackHalf(_work, WorkWidth, WorkHeight, Core.Inference.TensorLayout.Nhwc);

        [Benchmark(Description = "pack float32 tensor 1024x768")]
        public object Pack() => Core.Inference.TensorPacking.Pack(_work, WorkWidth, WorkHeight, Core.Inference.TensorLayout.Nhwc);
    }
}
