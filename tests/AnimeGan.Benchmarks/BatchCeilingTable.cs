using System.Diagnostics;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// The most any batch schedule can gain on the model run itself: bare StyleModel runs one after another
    /// with every core, one after another on one thread (how well ONNX Runtime uses the cores inside a run),
    /// and one per core with one thread each. The schedules alternate, so drifting machine load affects all
    /// alike.
    /// </summary>
    internal static class BatchCeilingTable
    {
        private const int Width = 1024;
        private const int Height = 576;
        private const int Runs = 8;

        public static void Run(int rounds)
        {
            var cores = Environment.ProcessorCount;
            Console.WriteLine($"hayao, bare Run at {Width}x{Height}, {Runs} runs per schedule and round, median of {rounds} rounds, {cores} cores");
            Console.WriteLine("| schedule | runs at once | ONNX Runtime threads per run | ms per picture | speed-up vs one at a time |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            var schedules = new[] { (Jobs: 1, Threads: 0), (Jobs: 1, Threads: 1), (Jobs: cores, Threads: 1) };
            var engines = schedules.Select(s => new AnimeGanEngine(new ModelStore(TestModels.Folder), s.Threads)).ToArray();
            try
            {
                var rgb = new byte[Width * Height * 3];
                new Random(3).NextBytes(rgb);
                var models = engines.Select(e => e.LoadStyle("hayao")).ToArray();
                foreach (var model in models)
                    model.Run(rgb, Width, Height);

                var perPicture = schedules.Select(_ => new double[rounds]).ToArray();
                for (var round = 0; round < rounds; round++)
                {
                    for (var s = 0; s < schedules.Length; s++)
                    {
                        var model = models[s];
                        var watch = Stopwatch.StartNew();
                        Parallel.For(0, Runs, new ParallelOptions { MaxDegreeOfParallelism = schedules[s].Jobs }, _ => model.Run(rgb, Width, Height));
                        perPicture[s][round] = watch.Elapsed.TotalMilliseconds / Runs;
                    }
                }

                var medians = perPicture.Select(times => times.OrderBy(t => t).ElementAt(rounds / 2)).ToArray();
                for (var s = 0; s < schedules.Length; s++)
                {
                    var name = s == 0 ? "one at a time (the serial loop)" : schedules[s].Jobs == 1 ? "one at a time, one thread" : "one per core";
                    var threads = schedules[s].Threads == 0 ? cores : schedules[s].Threads;
                    Console.WriteLine($"| {name} | {schedules[s].Jobs} | {threads} | {medians[s]:0} | {medians[0] / medians[s]:0.00}x |");
                }
            }
            finally
            {
                foreach (var engine in engines)
                    engine.Dispose();
            }
        }
    }
}
