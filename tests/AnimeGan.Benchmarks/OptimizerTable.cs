using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AnimeGan.Core;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.Models;
using AnimeGan.Core.Onnx;
using AnimeGan.Core.Options;
using AnimeGan.Tests;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// Every style model against its INT8 variant (calibrated on the shared portraits): file size, peak memory,
    /// Run latency, and PSNR/SSIM of the output against the float32 model over all shared photos.
    /// </summary>
    internal static class OptimizerTable
    {
        public static void Run(int repeats)
        {
            var folder = Path.Combine(BenchmarkPhotos.Folder, "optimizer-models");
            var store = new ModelStore(folder);
            store.InstallAllFromFolder(TestFiles.ModelsFolder);
            var optimizer = new ModelOptimizer(store);
            var calibration = Directory.GetFiles(TestFiles.Portraits, "*.jpg").Select(p => TestImages.Photo(p, 512)).ToList();
            var evaluation = TestFiles.AllPhotos.Select(p => TestImages.Photo(p, 512)).ToList();
            Console.WriteLine($"Calibration: {calibration.Count} portraits at 512 px. Quality: {evaluation.Count} shared photos at 512 px against the float32 model. Latency: bare Run at 1024x576, median of {repeats}. Peak memory: load and one 1024x576 run in a fresh process.");
            Console.WriteLine("| style | reference | file | INT8 file | peak memory (ref / INT8) | Run (ref / INT8) | speed-up | PSNR | SSIM |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
            var only = Environment.GetEnvironmentVariable("ANIMEGAN_OPTIMIZE_ONLY");
            foreach (var style in store.Manifest.Styles.Where(s => !s.Id.Contains("@") && (only == null || s.Id == only)).ToList())
            {
                var reference = style.ElementType == "float16" ? optimizer.Optimize(style.Id, OptimizationKind.Float32) : style;
                var quantized = optimizer.Optimize(style.Id, OptimizationKind.Int8, calibration);
                var fresh = new ModelStore(folder);
                using var engine = new AnimeGanEngine(fresh);
                var psnr = new List<double>();
                var ssim = new List<double>();
                foreach (var picture in evaluation)
                {
                    var options = new StylizeOptions { MaxSize = 512, Faces = false, Upsampling = UpsamplingMode.Lanczos };
                    var a = engine.Stylize(picture, options with { Style = reference.Id }).Image;
                    var b = engine.Stylize(picture, options with { Style = quantized.Id }).Image;
                    psnr.Add(ImageMetrics.Psnr(a.Rgb, b.Rgb));
                    ssim.Add(ImageMetrics.Ssim(a, b));
                }

                var refMs = RunTime(engine, reference.Id, repeats);
                var q8Ms = RunTime(engine, quantized.Id, repeats);
                Console.WriteLine($"| {style.Id} | {(reference == style ? "float32 as shipped" : "float32 from float16")} | {reference.SizeInBytes / 1048576.0:0.0} MB | {quantized.SizeInBytes / 1048576.0:0.0} MB | {PeakMemory(folder, reference.Id)} / {PeakMemory(folder, quantized.Id)} MB | {refMs:0} / {q8Ms:0} ms | {refMs / q8Ms:0.00}x | {psnr.Average():0.0} dB | {ssim.Average():0.000} |");
            }
        }

        public static void RunOnce(string folder, string id)
        {
            using var engine = new AnimeGanEngine(new ModelStore(folder));
            engine.LoadStyle(id).Run(new byte[1024 * 576 * 3], 1024, 576);
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine($"{self.PeakWorkingSet64 / 1048576.0:0}");
        }

        private static double RunTime(AnimeGanEngine engine, string id, int repeats)
        {
            var model = engine.LoadStyle(id);
            var rgb = new byte[1024 * 576 * 3];
            new Random(3).NextBytes(rgb);
            model.Run(rgb, 1024, 576);
            return Enumerable.Range(0, repeats).Select(_ =>
            {
                var watch = Stopwatch.StartNew();
                model.Run(rgb, 1024, 576);
                return watch.Elapsed.TotalMilliseconds;
            }).OrderBy(t => t).ElementAt(repeats / 2);
        }

        private static string PeakMemory(string folder, string id)
        {
            var start = new ProcessStartInfo("dotnet", $"\"{typeof(OptimizerTable).Assembly.Location}\" optimize-one \"{folder}\" \"{id}\"") { RedirectStandardOutput = true, UseShellExecute = false };
            using var child = Process.Start(start)!;
            var text = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            return text;
        }
    }
}
