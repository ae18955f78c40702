using AnimeGan.Core.Inference;
using AnimeGan.Core.Onnx;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// How the activation ranges are chosen against INT8 quality: plain minimum and maximum over the built-in drawn
    /// scenes, and ranges with a share of each large tensor's values clipped at each end. Quality is SSIM / PSNR of the
    /// INT8 graph's output against the float graph the engine runs, on 4 real photos at 1024x576.
    /// </summary>
    internal static class CalibrationTable
    {
        private const int Width = 1024;
        private const int Height = 576;

        public static void Run(string[] styles)
        {
            var folder = Path.Combine(BenchmarkPhotos.Folder, "optimizer-models");
            var store = new ModelStore(folder);
            TestModels.InstallEverything(store);
            var photos = new[] { TestFiles.Rickshaw, TestFiles.Square }
                .Concat(Directory.GetFiles(TestFiles.Portraits, "*.jpg").OrderBy(p => p, StringComparer.Ordinal).Take(2))
                .Select(p => OptimizerTable.Fit(TestImages.Photo(p, Width))).ToList();
            var tails = Environment.GetEnvironmentVariable("ANIMEGAN_CALIBRATION_TAILS") is string chosen
                ? chosen.Split(',').Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
                : new[] { 0, 1e-6, 1e-5, 1e-4, 1e-3, TensorRanges.LeastError };
            Console.WriteLine($"INT8 output against the float graph, SSIM / PSNR over {photos.Count} real photos at {Width}x{Height}, calibrated on the built-in drawn scenes.");
            Console.WriteLine($"| style | {string.Join(" | ", tails.Select(t => t == 0 ? "min / max" : t == TensorRanges.LeastError ? "least squared error per tensor" : $"{t:0e0} clipped each end"))} |");
            Console.WriteLine($"|---|{string.Concat(tails.Select(_ => "---:|"))}");
            using var engine = new AnimeGanEngine(store);
            foreach (var styleId in styles)
            {
                var style = store.Manifest.Get(styleId);
                var runnable = new OptimizedGraphCache(store).Resolve(style);
                var floatGraph = OnnxModelFile.Read(runnable.Path);
                var reference = engine.LoadStyle(styleId);
                var cells = new List<string>();
                foreach (var tail in tails)
                {
                    var ranges = Calibrator.Calibrate(floatGraph, ModelOptimizer.BuiltInCalibration(), default, tail);
                    var path = Path.Combine(folder, $"calibration-{styleId}.onnx");
                    OnnxModelFile.Write(Int8Quantizer.Quantize(floatGraph, ranges), path);
                    using var candidate = new StyleModel(style with { ElementType = "float32" }, path);
                    var ssim = new List<double>();
                    var psnr = new List<double>();
                    foreach (var photo in photos)
                    {
                        var a = new PixelImage(Width, Height, reference.Run(photo.Rgb, Width, Height));
                        var b = new PixelImage(Width, Height, candidate.Run(photo.Rgb, Width, Height));
                        ssim.Add(ImageMetrics.Ssim(a, b));
                        psnr.Add(ImageMetrics.Psnr(a.Rgb, b.Rgb));
                    }

                    cells.Add($"{ssim.Average():0.000} / {psnr.Average():0.0} dB");
                    File.Delete(path);
                }

                Console.WriteLine($"| {styleId} | {string.Join(" | ", cells)} |");
            }
        }
    }
}
