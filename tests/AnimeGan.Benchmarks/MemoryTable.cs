using System;
using System.Diagnostics;
using System.IO;
using AnimeGan.Core.Options;
using AnimeGan.Tests;

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

        public static void RunOne(string input)
        {
            var watch = Stopwatch.StartNew();
            TestModels.Engine.Convert(input, Path.Combine(BenchmarkPhotos.Folder, "memory-out.jpg"), null, new OutputOptions { Overwrite = true });
            var elapsed = watch.Elapsed.TotalSeconds;
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine($"{self.PeakWorkingSet64 / 1048576.0:0} MB | {elapsed:0.0} s");
        }
    }
}
