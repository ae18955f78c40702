using System.Diagnostics;
using System.Globalization;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// The default precision against float, as a user meets it: a models folder installed the way users install
    /// (each style's INT8 graph made and measured here), then
    /// <list type="bullet">
    /// <item>`animegan convert` of ten 1024x576 photos (the eight portraits and two scenes, default settings), default
    /// against --precision float, each run a fresh process through `child-peak`, alternating rounds: time per photo
    /// and peak memory, minima compared;</item>
    /// <item>for every style, the default output against the float output (SSIM) on four real photos, and on the two
    /// portraits the face measures of both (landmark drift, cheek texture).</item>
    /// </list>
    /// Needs ./build.sh's artifacts/cli.
    /// </summary>
    internal static class PrecisionTable
    {
        public static void Run(int rounds)
        {
            var cli = Path.Combine(ChildProcesses.Repository(), "artifacts", "cli", "animegan.dll");
            if (!File.Exists(cli))
                throw new InvalidOperationException("Run ./build.sh first: this runs artifacts/cli/animegan.dll.");
            var store = InstalledAsUsersInstall();
            var photos = Photos();

            Console.WriteLine();
            Console.WriteLine($"animegan convert, 10 photos at 1024x576, default settings (hayao, faces on), fresh process per run, {rounds} alternating rounds");
            var seconds = new Dictionary<string, List<double>> { ["auto"] = new(), ["float"] = new() };
            var peaks = new Dictionary<string, List<double>> { ["auto"] = new(), ["float"] = new() };
            for (var round = 0; round < rounds; round++)
            {
                foreach (var precision in new[] { "auto", "float" })
                {
                    var (elapsed, peak) = Convert(cli, store.Folder, photos, precision);
                    seconds[precision].Add(elapsed / photos.Count);
                    peaks[precision].Add(peak);
                    Console.WriteLine(Invariant($"round {round + 1} {precision}: {elapsed / photos.Count:0.000} s a photo, peak {peak:0} MB"));
                }
            }

            Console.WriteLine();
            Console.WriteLine("| precision | time a photo (min of rounds) | peak working set (min of rounds) |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var precision in new[] { "auto", "float" })
                Console.WriteLine(Invariant($"| {(precision == "auto" ? "default" : "--precision float")} | {seconds[precision].Min():0.000} s | {peaks[precision].Min():0} MB |"));
            Console.WriteLine(Invariant($"speed-up {seconds["float"].Min() / seconds["auto"].Min():0.00}x, memory {peaks["auto"].Min() / peaks["float"].Min():0.00}x of float"));

            Similarity(store);
        }

        /// <summary>A models folder filled as `models install` fills one: every style's INT8 graph made and its precision decided here.</summary>
        private static ModelStore InstalledAsUsersInstall()
        {
            var store = new ModelStore(Path.Combine(BenchmarkPhotos.Folder, "precision-models"));
            var installer = new ModelInstaller(store);
            Console.WriteLine("| style | default precision here |");
            Console.WriteLine("|---|---|");
            foreach (var result in installer.Install(installer.Plan(ModelInstallRequest.EverythingIn(TestFiles.ModelsFolder))))
            {
                if (result.Precision != null)
                    Console.WriteLine($"| {result.Model.Id} | {result.Precision.Reason} |");
            }

            return store;
        }

        /// <summary>The eight portraits and two scenes, cropped to fill 1024x576.</summary>
        private static List<string> Photos()
        {
            var sources = Enumerable.Range(0, 8).Select(i => Path.Combine(TestFiles.Portraits, $"{i}.jpg"))
                .Concat(new[] { Path.Combine(TestFiles.Scenes, "v3_1.jpg"), Path.Combine(TestFiles.Scenes, "v3_10.jpg") });
            var folder = Directory.CreateDirectory(Path.Combine(BenchmarkPhotos.Folder, "precision-photos")).FullName;
            var photos = new List<string>();
            foreach (var source in sources)
            {
                var path = Path.Combine(folder, Path.GetFileNameWithoutExtension(source) + "-" + Path.GetFileName(Path.GetDirectoryName(source)) + ".jpg");
                using var image = new MagickImage(source);
                image.Resize(new MagickGeometry(1024, 576) { FillArea = true });
                image.Crop(new MagickGeometry(1024, 576), Gravity.Center);
                image.ResetPage();
                image.Quality = 92;
                image.Write(path, MagickFormat.Jpeg);
                photos.Add(path);
            }

            return photos;
        }

        /// <summary>One `animegan convert` of every photo in a fresh process: its wall time and peak resident set.</summary>
        private static (double Seconds, double PeakMb) Convert(string cli, string models, IReadOnlyList<string> photos, string precision)
        {
            var output = Directory.CreateDirectory(Path.Combine(BenchmarkPhotos.Folder, "precision-out-" + precision)).FullName;
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { typeof(PrecisionTable).Assembly.Location, "child-peak", "dotnet", cli, "--models", models, "convert" }
                .Concat(photos).Concat(new[] { "-o", output, "--overwrite", "--precision", precision }))
                start.ArgumentList.Add(argument);
            var watch = Stopwatch.StartNew();
            using var child = Process.Start(start)!;
            var lines = child.StandardOutput.ReadToEnd().Trim().Split('\n');
            child.WaitForExit();
            return (watch.Elapsed.TotalSeconds, double.Parse(lines[^1], CultureInfo.InvariantCulture));
        }

        /// <summary>Every style, default against float: the lowest SSIM over four photos, and the face measures' differences on the portraits.</summary>
        private static void Similarity(ModelStore store)
        {
            using var engine = new AnimeGanEngine(store);
            var photos = new[] { Path.Combine(TestFiles.Portraits, "0.jpg"), Path.Combine(TestFiles.Portraits, "6.jpg"), Path.Combine(TestFiles.Scenes, "v3_1.jpg"), Path.Combine(TestFiles.Scenes, "v3_10.jpg") }
                .ToDictionary(p => p, p => TestImages.Photo(p, 1024));
            Console.WriteLine();
            Console.WriteLine("Default output against float output, 4 photos (portraits 0, 6; scenes v3_1, v3_10) at 1024 px, faces on");
            Console.WriteLine("| style | runs | lowest SSIM | largest drift difference (portraits) | largest cheek texture difference (portraits) |");
            Console.WriteLine("|---|---|---:|---:|---:|");
            foreach (var style in store.Manifest.Models.Where(m => m.Kind == ModelKind.Style && !m.IsVariant && store.IsInstalled(m)))
            {
                var lowest = 1.0;
                double drift = 0, texture = 0;
                var ran = Precision.Float;
                foreach (var (path, photo) in photos)
                {
                    var byDefault = engine.Stylize(photo, new StylizeOptions { Style = style.Id });
                    var asFloat = engine.Stylize(photo, new StylizeOptions { Style = style.Id, Precision = Precision.Float });
                    ran = byDefault.Precision;
                    lowest = Math.Min(lowest, StructuralSimilarity.Mean(byDefault.Image, asFloat.Image));
                    if (!path.StartsWith(TestFiles.Portraits, StringComparison.Ordinal))
                        continue;
                    var faces = engine.DetectFaces(photo);
                    var a = PortraitMeasures.Of(photo, faces, byDefault.Image, engine.DetectFaces(byDefault.Image));
                    var b = PortraitMeasures.Of(photo, faces, asFloat.Image, engine.DetectFaces(asFloat.Image));
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (a[i] is PortraitMeasures x && b[i] is PortraitMeasures y)
                        {
                            drift = Math.Max(drift, Math.Abs(x.Drift - y.Drift));
                            texture = Math.Max(texture, Math.Abs(x.CheekTexture - y.CheekTexture));
                        }
                    }
                }

                Console.WriteLine(Invariant($"| {style.Id} | {ran.ToString().ToLowerInvariant()} | {lowest:0.000} | {drift:0.000} | {texture:0.00}x |"));
            }
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
