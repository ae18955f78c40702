using System.Text.Json;
using AnimeGan.Core.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// Where a style's Run time goes, operator by operator, in its float32 form and its INT8 variant: ONNX
    /// Runtime's own profiler, kernel times summed per operator type. It shows what quantization can and
    /// cannot speed up.
    /// </summary>
    internal static class OperatorProfileTable
    {
        private const int Width = 1024;
        private const int Height = 576;

        public static void Run(string styleId, int runs)
        {
            var folder = Path.Combine(BenchmarkPhotos.Folder, "optimizer-models");
            var store = new ModelStore(folder);
            TestModels.InstallEverything(store);
            var optimizer = new ModelOptimizer(store);
            var style = store.Manifest.Get(styleId);
            var reference = style.ElementType == "float16" ? optimizer.Optimize(style.Id, OptimizationKind.Float32) : style;
            var quantized = optimizer.Optimize(style.Id, OptimizationKind.Int8);

            var floatProfile = Profile(store.GetVerifiedPath(reference), runs);
            var int8Profile = Profile(store.GetVerifiedPath(quantized), runs);
            Console.WriteLine($"{style.Id}: ONNX Runtime profiler, kernel time per operator type, mean of {runs} runs at {Width}x{Height} after a warm-up, {Environment.ProcessorCount} threads");
            Console.WriteLine("| operator | float32 | INT8 |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var op in floatProfile.Keys.Union(int8Profile.Keys).OrderByDescending(k => Math.Max(floatProfile.GetValueOrDefault(k), int8Profile.GetValueOrDefault(k))))
            {
                if (Math.Max(floatProfile.GetValueOrDefault(op), int8Profile.GetValueOrDefault(op)) >= 1)
                    Console.WriteLine($"| {op} | {Cell(floatProfile, op)} | {Cell(int8Profile, op)} |");
            }

            Console.WriteLine($"| **all kernels** | **{floatProfile.Values.Sum():0} ms** | **{int8Profile.Values.Sum():0} ms** |");
        }

        /// <summary>Profiles model files side by side (for example a style's float graph and a variant).</summary>
        public static void RunFiles(string[] paths)
        {
            var profiles = paths.Select(p => Profile(p, 3)).ToList();
            Console.WriteLine($"| operator | {string.Join(" | ", paths.Select(Path.GetFileName))} |");
            Console.WriteLine($"|---|{string.Concat(paths.Select(_ => "---:|"))}");
            foreach (var op in profiles.SelectMany(p => p.Keys).Distinct().OrderByDescending(k => profiles.Max(p => p.GetValueOrDefault(k))))
            {
                if (profiles.Max(p => p.GetValueOrDefault(op)) >= 1)
                    Console.WriteLine($"| {op} | {string.Join(" | ", profiles.Select(p => Cell(p, op)))} |");
            }

            Console.WriteLine($"| **all kernels** | {string.Join(" | ", profiles.Select(p => $"**{p.Values.Sum():0} ms**"))} |");
        }

        /// <summary>" (uint8)" when the operator's first input is not float, so integer Pads and Resizes show apart from float ones.</summary>
        private static string InputType(JsonElement args)
        {
            if (!args.TryGetProperty("input_type_shape", out var inputs) || inputs.GetArrayLength() == 0)
                return "";
            var type = inputs[0].EnumerateObject().First().Name;
            return type == "float" ? "" : $" ({type})";
        }

        private static string Cell(Dictionary<string, double> profile, string op)
            => profile.TryGetValue(op, out var ms) ? $"{ms:0} ms" : "";

        private static Dictionary<string, double> Profile(string modelPath, int runs)
        {
            using var options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                IntraOpNumThreads = Environment.ProcessorCount,
                InterOpNumThreads = 1,
                EnableProfiling = true,
                ProfileOutputPathPrefix = Path.Combine(BenchmarkPhotos.Folder, "ort-profile"),
            };
            using var session = new InferenceSession(modelPath, options);
            var input = session.InputMetadata.First();
            var shape = input.Value.Dimensions[1] == 3 ? new long[] { 1, 3, Height, Width } : new long[] { 1, Height, Width, 3 };
            var data = new float[3 * Width * Height];
            var random = new Random(5);
            for (var i = 0; i < data.Length; i++)
                data[i] = (float)((random.NextDouble() * 2) - 1);
            using var runOptions = new RunOptions();
            void RunOnce()
            {
                using var value = OrtValue.CreateTensorValueFromMemory(data, shape);
                using var outputs = session.Run(runOptions, new[] { input.Key }, new[] { value }, session.OutputNames);
            }

            for (var i = 0; i <= runs; i++)
                RunOnce();
            var trace = session.EndProfiling();
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(trace));
                var events = document.RootElement.EnumerateArray().ToList();

                // The first run is the warm-up (memory planning, first allocations): count what starts after it.
                var warmUp = events.Where(e => e.GetProperty("name").GetString() == "model_run").OrderBy(e => e.GetProperty("ts").GetInt64()).First();
                var measuredFrom = warmUp.GetProperty("ts").GetInt64() + warmUp.GetProperty("dur").GetInt64();
                var byOperator = new Dictionary<string, double>();
                foreach (var e in events)
                {
                    if (e.GetProperty("cat").GetString() != "Node" || !e.GetProperty("name").GetString()!.EndsWith("_kernel_time", StringComparison.Ordinal)
                        || e.GetProperty("ts").GetInt64() < measuredFrom)
                        continue;
                    var op = e.GetProperty("args").GetProperty("op_name").GetString()! + InputType(e.GetProperty("args"));
                    byOperator[op] = byOperator.GetValueOrDefault(op) + (e.GetProperty("dur").GetInt64() / 1000.0 / runs);
                    if (Environment.GetEnvironmentVariable("ANIMEGAN_PROFILE_NODES") is string nodeOp && op.StartsWith(nodeOp, StringComparison.Ordinal))
                        Console.WriteLine($"{e.GetProperty("name").GetString()} {e.GetProperty("dur").GetInt64() / 1000.0:0.0} ms {e.GetProperty("args").GetProperty("input_type_shape")}");
                }

                return byOperator;
            }
            finally
            {
                File.Delete(trace);
            }
        }
    }
}
