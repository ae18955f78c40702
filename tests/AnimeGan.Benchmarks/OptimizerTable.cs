using System.Diagnostics;
using AnimeGan.Core.Inference;
using AnimeGan.Core.Onnx;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// Every style as shipped (ONNX Runtime running the file as-is), as the engine runs it (its optimized graph), and
    /// as an INT8 variant made with no flag (calibrated on the built-in drawn scenes): bare Run at 1024x576 in
    /// alternating rounds (ratios of minima), output PSNR/SSIM against the shipped file's on real photos, and the
    /// peak working set of a fresh process that loads the file and runs it once.
    /// </summary>
    internal static class OptimizerTable
    {
        private const int Width = 1024;
        private const int Height = 576;

        public static void Run(int rounds)
        {
            var folder = Path.Combine(BenchmarkPhotos.Folder, "optimizer-models");
            var store = new ModelStore(folder);
            TestModels.InstallEverything(store);
            var optimizer = new ModelOptimizer(store);
            var photos = new[] { TestFiles.Rickshaw, TestFiles.Square }
                .Concat(Directory.GetFiles(TestFiles.Portraits, "*.jpg").OrderBy(p => p, StringComparer.Ordinal).Take(2))
                .Select(p => Fit(TestImages.Photo(p, Width))).ToList();
            Console.WriteLine($"Bare Run at {Width}x{Height}, {rounds} alternating rounds after a warm-up, minimum per file; quality over {photos.Count} real photos (2 scenes, 2 portraits) against the shipped file's output; peak memory: fresh process, load and one run. {Environment.ProcessorCount} cores.");
            Console.WriteLine("| style | shipped | optimized graph | speed-up | PSNR / SSIM | INT8 (no flag) | speed-up | PSNR / SSIM | peak memory shipped / optimized / INT8 |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            var only = Environment.GetEnvironmentVariable("ANIMEGAN_OPTIMIZE_ONLY");
            foreach (var style in store.Manifest.Styles.Where(s => !s.Id.Contains("@") && (only == null || s.Id == only)).ToList())
            {
                var int8 = optimizer.Optimize(style.Id, OptimizationKind.Int8);
                var fresh = new ModelStore(folder);
                using var engine = new AnimeGanEngine(fresh);
                using var shipped = new StyleModel(style, fresh.GetVerifiedPath(style));
                var optimized = engine.LoadStyle(style.Id);
                var quantized = engine.LoadStyle(int8.Id);
                var models = new[] { shipped, optimized, quantized };
                var input = photos[0].Rgb;
                foreach (var model in models)
                    model.Run(input, Width, Height);
                var best = new double[models.Length];
                Array.Fill(best, double.MaxValue);
                for (var round = 0; round < rounds; round++)
                {
                    for (var i = 0; i < models.Length; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        models[i].Run(input, Width, Height);
                        best[i] = Math.Min(best[i], watch.Elapsed.TotalMilliseconds);
                    }
                }

                var (optPsnr, optSsim) = Quality(shipped, optimized, photos);
                var (q8Psnr, q8Ssim) = Quality(shipped, quantized, photos);
                Console.WriteLine(
                    $"| {style.Id} | {best[0]:0} ms | {best[1]:0} ms | {best[0] / best[1]:0.00}x | {optPsnr:0.0} dB / {optSsim:0.000} | {best[2]:0} ms | {best[0] / best[2]:0.00}x | {q8Psnr:0.0} dB / {q8Ssim:0.000} " +
                    $"| {PeakMemory(folder, style.Id, shipped: true)} / {PeakMemory(folder, style.Id, shipped: false)} / {PeakMemory(folder, int8.Id, shipped: false)} MB |");
            }
        }

        /// <summary>Child process: loads one file (the shipped one, or what the engine runs for the id) and runs it once.</summary>
        public static void RunOnce(string folder, string id, bool shipped, MemoryArena memoryArena)
        {
            var store = new ModelStore(folder);
            using var engine = new AnimeGanEngine(store, memoryArena: memoryArena);
            var entry = store.Manifest.Get(id);
            using var direct = shipped ? new StyleModel(entry, store.GetVerifiedPath(entry), memoryArena: memoryArena) : null;
            var model = direct ?? engine.LoadStyle(id);
            model.Run(SyntheticPictures.Scene(2, Width, Height).Rgb, Width, Height);
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine($"{self.PeakWorkingSet64 / 1048576.0:0}");
        }

        private static (double Psnr, double Ssim) Quality(StyleModel reference, StyleModel candidate, IReadOnlyList<PixelImage> photos)
        {
            var psnr = new List<double>();
            var ssim = new List<double>();
            foreach (var photo in photos)
            {
                var a = new PixelImage(Width, Height, reference.Run(photo.Rgb, Width, Height));
                var b = new PixelImage(Width, Height, candidate.Run(photo.Rgb, Width, Height));
                psnr.Add(ImageMetrics.Psnr(a.Rgb, b.Rgb));
                ssim.Add(ImageMetrics.Ssim(a, b));
            }

            return (psnr.Average(), ssim.Average());
        }

        /// <summary>The photo's middle at 1024x576 (scaled to cover it first).</summary>
        internal static PixelImage Fit(PixelImage photo)
        {
            var scale = Math.Max((double)Width / photo.Width, (double)Height / photo.Height);
            var rgb = new byte[Width * Height * 3];
            int offsetX = (int)((photo.Width * scale) - Width) / 2, offsetY = (int)((photo.Height * scale) - Height) / 2;
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    var sx = Math.Min(photo.Width - 1, (int)((x + offsetX) / scale));
                    var sy = Math.Min(photo.Height - 1, (int)((y + offsetY) / scale));
                    Buffer.BlockCopy(photo.Rgb, ((sy * photo.Width) + sx) * 3, rgb, ((y * Width) + x) * 3, 3);
                }
            }

            return new PixelImage(Width, Height, rgb);
        }

        private static string PeakMemory(string folder, string id, bool shipped)
        {
            var start = new ProcessStartInfo("dotnet", $"\"{typeof(OptimizerTable).Assembly.Location}\" optimize-one \"{folder}\" \"{id}\" {(shipped ? "shipped" : "engine")}") { RedirectStandardOutput = true, UseShellExecute = false };
            using var child = Process.Start(start)!;
            var text = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            return text;
        }
    }
}
