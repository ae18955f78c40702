using System.Diagnostics;
using AnimeGan.Core.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Benchmarks
{
    /// <summary>Each float16 style model as shipped against the same model converted to float32: Run time and output difference.</summary>
    internal static class Float16Table
    {
        public static void Run(int repeats)
        {
            Console.WriteLine($"Bare Run at 1024x576, median of {repeats} after a warm-up, {Environment.ProcessorCount} cores");
            Console.WriteLine("| style | ops | float16 as shipped | converted to float32 | speed-up | max abs output difference (0..255) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            var store = TestModels.Store;
            foreach (var entry in store.Manifest.Styles.Where(s => s.ElementType == "float16"))
            {
                var path = store.GetVerifiedPath(entry);
                var model = OnnxModelFile.Read(path);
                var ops = string.Join(" ", model.Graph.Node.GroupBy(n => n.OpType).OrderByDescending(g => g.Count()).Take(4).Select(g => $"{g.Key}:{g.Count()}"));
                var converted = OnnxModelFile.ToBytes(Float16ToFloat32.Convert(model));
                var (halfMs, halfOut) = Time(File.ReadAllBytes(path), true, repeats);
                var (fullMs, fullOut) = Time(converted, false, repeats);
                var diff = halfOut.Zip(fullOut, (a, b) => Math.Abs(a - b)).Max() * 127.5;
                Console.WriteLine($"| {entry.Id} | {ops} | {halfMs:0} ms | {fullMs:0} ms | {halfMs / fullMs:0.00}x | {diff:0.0} |");
            }
        }

        private static (double Ms, float[] Output) Time(byte[] model, bool half, int repeats)
        {
            using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = Environment.ProcessorCount };
            using var session = new InferenceSession(model, options);
            var input = session.InputMetadata.First();
            var shape = new long[] { 1, 576, 1024, 3 };
            var random = new Random(1);
            var data = Enumerable.Range(0, 576 * 1024 * 3).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            using var runOptions = new RunOptions();
            float[] RunOnce()
            {
                using var value = half
                    ? OrtValue.CreateTensorValueFromMemory(data.Select(v => (Float16)v).ToArray(), shape)
                    : OrtValue.CreateTensorValueFromMemory(data, shape);
                using var outputs = session.Run(runOptions, new[] { input.Key }, new[] { value }, session.OutputNames);
                return half ? outputs[0].GetTensorDataAsSpan<Float16>().ToArray().Select(h => (float)h).ToArray() : outputs[0].GetTensorDataAsSpan<float>().ToArray();
            }

            var output = RunOnce();
            var times = Enumerable.Range(0, repeats).Select(_ =>
            {
                var watch = Stopwatch.StartNew();
                RunOnce();
                return watch.Elapsed.TotalMilliseconds;
            }).OrderBy(t => t).ToList();
            return (times[times.Count / 2], output);
        }
    }
}
