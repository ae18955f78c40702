using System.Diagnostics;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// One photo end to end (decode to written file) against the bare ONNX Runtime Run for the same tensor,
    /// stage by stage, at three photo sizes; plus the first conversion of a fresh engine against steady state.
    /// </summary>
    internal static class EndToEndTable
    {
        public static void Run(int repeats)
        {
            Console.WriteLine($"End to end, style hayao, working size {AnimeGanEngine.DefaultMaxSize}, median of {repeats} after a warm-up, {Environment.ProcessorCount} cores");
            Console.WriteLine();
            foreach (var faces in new[] { false, true })
            {
                Console.WriteLine(faces ? "Face enhancement on (default; these scenes have no faces, so this is the detection cost)" : "Face enhancement off");
                Console.WriteLine("| photo | decode | resize | pack | **Run** | unpack | upsample | faces | encode | total | total / Run |");
                Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
                foreach (var (w, h) in new[] { (1280, 720), (3840, 2160), (6000, 4000) })
                {
                    var input = BenchmarkPhotos.Scene(w, h);
                    var options = new StylizeOptions { Faces = faces };
                    var engine = TestModels.Engine;
                    Convert(engine, input, options);
                    var runs = Enumerable.Range(0, repeats).Select(_ => Convert(engine, input, options)).ToList();
                    double Median(Func<StageTimings, TimeSpan> stage) => runs.Select(r => stage(r).TotalMilliseconds).OrderBy(v => v).ElementAt(runs.Count / 2);
                    var total = Median(t => t.Total);
                    var run = Median(t => t.Inference);
                    Console.WriteLine($"| {w}x{h} | {Median(t => t.Decode):0} | {Median(t => t.Resize):0} | {Median(t => t.Pack):0} | **{run:0}** | {Median(t => t.Unpack):0} | {Median(t => t.Upsample):0} | {Median(t => t.Faces):0} | {Median(t => t.Encode):0} | {total:0} | {total / run:0.00}x |");
                }

                Console.WriteLine();
            }

            // First image: a fresh engine loads and probes the model, and ONNX Runtime plans memory.
            var photo = BenchmarkPhotos.Scene(1280, 720);
            using var fresh = new AnimeGanEngine(new ModelStore(TestModels.Folder));
            var watch = Stopwatch.StartNew();
            Convert(fresh, photo, new StylizeOptions { Faces = false });
            var first = watch.Elapsed.TotalMilliseconds;
            var steady = Enumerable.Range(0, repeats).Select(_ =>
            {
                watch.Restart();
                Convert(fresh, photo, new StylizeOptions { Faces = false });
                return watch.Elapsed.TotalMilliseconds;
            }).OrderBy(v => v).ElementAt(repeats / 2);
            Console.WriteLine($"First conversion with a fresh engine (1280x720): {first:0} ms; steady state: {steady:0} ms ({first / steady:0.0}x).");
        }

        private static StageTimings Convert(AnimeGanEngine engine, string input, StylizeOptions options)
        {
            var output = Path.Combine(BenchmarkPhotos.Folder, "out-" + Path.GetFileName(input));
            var result = engine.Convert(input, output, options, new OutputOptions { Overwrite = true });
            return result.Timings;
        }
    }
}
