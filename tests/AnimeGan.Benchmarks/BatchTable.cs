using System.Diagnostics;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// A folder of 20 photos: the plain serial loop against photos in flight (overlapping decode and encode
    /// with inference) at several ONNX Runtime thread counts, to choose the --jobs and -ThrottleLimit defaults.
    /// </summary>
    internal static class BatchTable
    {
        public static void Run()
        {
            var photos = TestFiles.AllPhotos.ToList();
            while (photos.Count < 20)
                photos.Add(photos[photos.Count % 8]);
            photos = photos.Take(20).ToList();
            var output = Directory.CreateDirectory(Path.Combine(BenchmarkPhotos.Folder, "batch")).FullName;
            Console.WriteLine($"20 photos ({string.Join(", ", photos.Select(Path.GetFileName).Distinct())}), default settings (faces on, working size 1024), {Environment.ProcessorCount} cores");
            Console.WriteLine("| photos in flight | ONNX Runtime threads per run | wall time | photos/s | speed-up vs serial |");
            Console.WriteLine("|---:|---:|---:|---:|---:|");
            double? serial = null;
            var stages = new System.Collections.Concurrent.ConcurrentBag<StageTimings>();
            foreach (var (jobs, threads) in Environment.GetEnvironmentVariable("ANIMEGAN_BATCH_SERIAL_ONLY") == "1" ? new[] { (1, 0) } : new[] { (1, 0), (2, 0), (2, 1), (3, 1), (4, 1) })
            {
                using var engine = new AnimeGanEngine(new ModelStore(TestModels.Folder), threads);
                engine.Convert(photos[0], Path.Combine(output, "warm.jpg"), null, new OutputOptions { Overwrite = true });
                var watch = Stopwatch.StartNew();
                using var gate = new SemaphoreSlim(jobs);
                Task.WaitAll(photos.Select((photo, i) => Task.Run(async () =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        var result = engine.Convert(photo, Path.Combine(output, $"{i}.jpg"), null, new OutputOptions { Overwrite = true });
                        if (jobs == 1)
                            stages.Add(result.Timings);
                    }
                    finally
                    {
                        gate.Release();
                    }
                })).ToArray());
                var seconds = watch.Elapsed.TotalSeconds;
                serial ??= seconds;
                Console.WriteLine($"| {jobs} | {(threads == 0 ? Environment.ProcessorCount : threads)} | {seconds:0.0} s | {20 / seconds:0.00} | {serial / seconds:0.00}x |");
                if (jobs == 1)
                {
                    double Sum(Func<StageTimings, TimeSpan> f) => stages.Sum(t => f(t).TotalSeconds);
                    Console.Error.WriteLine($"serial stages (s): decode {Sum(t => t.Decode):0.0}, resize {Sum(t => t.Resize):0.0}, pack {Sum(t => t.Pack):0.0}, run {Sum(t => t.Inference):0.0}, unpack {Sum(t => t.Unpack):0.0}, upsample {Sum(t => t.Upsample):0.0}, faces {Sum(t => t.Faces):0.0}, blend {Sum(t => t.Blend):0.0}, encode {Sum(t => t.Encode):0.0}");
                }
            }
        }
    }
}
