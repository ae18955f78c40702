using System.Diagnostics;
using AnimeGan.Core.Inference;

namespace AnimeGan.Benchmarks
{
    /// <summary>Peak memory of one full-resolution conversion per photo size, each in a fresh process.</summary>
    internal static class MemoryTable
    {
        public static void Run()
        {
            Console.WriteLine("One conversion per fresh process, default settings (hayao, working size 1024, faces on), JPEG in and out");
            Console.WriteLine("| photo | megapixels | peak working set | time |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (w, h) in new[] { (1732, 1155), (3464, 2309), (6000, 4000), (8485, 5657) })
            {
                var input = BenchmarkPhotos.Scene(w, h);
                var self = typeof(MemoryTable).Assembly.Location;
                var start = new ProcessStartInfo("dotnet", $"\"{self}\" memory-one \"{input}\"") { RedirectStandardOutput = true, UseShellExecute = false };
                if (Environment.GetEnvironmentVariable("ANIMEGAN_MODELS") is null)
                    start.Environment["ANIMEGAN_MODELS"] = TestModels.Folder;
                using var child = Process.Start(start)!;
                var line = child.StandardOutput.ReadToEnd().Trim();
                child.WaitForExit();
                Console.WriteLine($"| {w}x{h} | {w * (double)h / 1e6:0.0} | {line} |");
            }
        }

        /// <summary>
        /// ONNX Runtime's CPU arena on and off, each conversion in a fresh process, alternating rounds: peak
        /// memory and time for one photo at the default settings.
        /// </summary>
        public static void RunArena(int rounds, string style)
        {
            var input = BenchmarkPhotos.Scene(6000, 4000);
            Console.WriteLine($"6000x4000 JPEG, {style}, working size 1024, faces on, fresh process per conversion, {rounds} alternating rounds");
            Console.WriteLine("| arena | peak working set (min of rounds) | time (min of rounds) |");
            Console.WriteLine("|---|---:|---:|");
            var results = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<(double Mb, double Seconds)>> { ["arena"] = new(), ["no-arena"] = new() };
            for (var round = 0; round < rounds; round++)
            {
                foreach (var mode in new[] { "arena", "no-arena" })
                {
                    var self = typeof(MemoryTable).Assembly.Location;
                    var start = new ProcessStartInfo("dotnet", $"\"{self}\" memory-one \"{input}\" {mode} {style}") { RedirectStandardOutput = true, UseShellExecute = false };
                    if (Environment.GetEnvironmentVariable("ANIMEGAN_MODELS") is null)
                        start.Environment["ANIMEGAN_MODELS"] = TestModels.Folder;
                    using var child = Process.Start(start)!;
                    var parts = child.StandardOutput.ReadToEnd().Trim().Split(' ');
                    child.WaitForExit();
                    results[mode].Add((double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture)));
                }
            }

            foreach (var (mode, list) in results)
                Console.WriteLine($"| {(mode == "arena" ? "on" : "off")} | {System.Linq.Enumerable.Min(list, r => r.Mb):0} MB | {System.Linq.Enumerable.Min(list, r => r.Seconds):0.0} s |");
        }

        public static void RunOne(string input, string? mode = null, string? style = null)
        {
            using var engine = new AnimeGanEngine(TestModels.Store, memoryArena: mode == "no-arena" ? MemoryArena.Off : MemoryArena.Kept);
            var watch = Stopwatch.StartNew();
            engine.Convert(input, Path.Combine(BenchmarkPhotos.Folder, "memory-out.jpg"), new StylizeOptions { Style = style }, new OutputOptions { Overwrite = true });
            var elapsed = watch.Elapsed.TotalSeconds;
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{self.PeakWorkingSet64 / 1048576.0:0} MB | {elapsed:0.0} s"));
        }
    }
}
