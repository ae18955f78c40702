using System.Diagnostics;
using System.Globalization;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// Clips end to end: frames per second of a whole conversion (decode, model, smoothing, encode) against the
    /// bare model run per frame at the same working size, and still-area flicker with and without smoothing.
    /// The clips are a real photo (the rickshaw scene) with a red square moving across it, H.264 with sound,
    /// made by ffmpeg; no video footage is available offline.
    /// </summary>
    internal static class VideoTable
    {
        public static void Run(double seconds)
        {
            RunSpeed(seconds);
            Console.WriteLine();
            RunFlicker(seconds);
        }

        public static void RunSpeed(double seconds)
        {
            using var folder = new TemporaryDirectory();
            Console.WriteLine($"Video, style hayao (default), working size 1024, faces off, {Environment.ProcessorCount} cores, clips of {seconds} s at 30 fps");
            Console.WriteLine();
            Console.WriteLine("| clip | frames | whole conversion | clip fps | bare model run per frame | model-only fps | conversion / model |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (w, h) in new[] { (540, 960), (1280, 720) })
            {
                var clip = MakeClip(folder.File($"clip{w}x{h}.mp4"), w, h, seconds);
                var options = new StylizeOptions { Faces = false };
                var watch = Stopwatch.StartNew();
                var result = TestModels.Engine.Convert(clip, folder.File($"clip{w}x{h}_anime.mp4"), options);
                var total = watch.Elapsed.TotalSeconds;
                var model = TestModels.Engine.LoadStyle();
                var frame = new byte[result.WorkingWidth * result.WorkingHeight * 3];
                new Random(1).NextBytes(frame);
                model.Run(frame, result.WorkingWidth, result.WorkingHeight);
                var bare = Enumerable.Range(0, 5).Select(_ => { var t = Stopwatch.StartNew(); model.Run(frame, result.WorkingWidth, result.WorkingHeight); return t.Elapsed.TotalSeconds; }).OrderBy(v => v).ElementAt(2);
                Console.WriteLine($"| {w}x{h} (works at {result.WorkingWidth}x{result.WorkingHeight}) | {result.Frames} | {total:0.0} s | {result.Frames / total:0.00} | {bare * 1000:0} ms | {1 / bare:0.00} | {total / result.Frames / bare:0.00}x |");
            }

        }

        public static void RunFlicker(double seconds)
        {
            using var folder = new TemporaryDirectory();
            var flickerClip = MakeClip(folder.File("flicker.mp4"), 1280, 720, seconds);
            var small = new StylizeOptions { Faces = false, MaxSize = 512 };
            var plain = TestModels.Engine.Convert(flickerClip, folder.File("plain.mp4"), small with { SmoothFrames = false }).OutputPath;
            var smooth = TestModels.Engine.Convert(flickerClip, folder.File("smooth.mp4"), small).OutputPath;
            var input = Clips.Frames(flickerClip, 1280, 720);
            var (inputStill, plainStill, _) = Clips.Flicker(input, Clips.Frames(plain, 1280, 720), null);
            var (_, smoothStill, moved) = Clips.Flicker(input, Clips.Frames(smooth, 1280, 720), Clips.Frames(plain, 1280, 720));
            Console.WriteLine("Still-area flicker (mean change between consecutive frames, 0..255, on pixels whose input changed by at most 2), after H.264 encoding, working size 512:");
            Console.WriteLine();
            Console.WriteLine("| | flicker | against the input's own |");
            Console.WriteLine("|---|---:|---:|");
            Console.WriteLine($"| input | {inputStill:0.0000} | 1.00x |");
            Console.WriteLine($"| frame by frame | {plainStill:0.0000} | {plainStill / inputStill:0.00}x |");
            Console.WriteLine($"| smoothed | {smoothStill:0.0000} | {smoothStill / inputStill:0.00}x |");
            Console.WriteLine();
            Console.WriteLine($"Moving pixels (input change of 24 or more): mean difference between the smoothed and the frame-by-frame output {moved:0.000}.");
        }

        private static string MakeClip(string path, int width, int height, double seconds)
        {
            var s = seconds.ToString(CultureInfo.InvariantCulture);
            var filter = $"scale={width}:{height},drawbox=x='mod(t*400\\,{width - 80})':y={height / 2}:w=80:h=80:color=red:t=fill";
            Ffmpeg($"-v error -y -loop 1 -i \"{TestFiles.Rickshaw}\" -f lavfi -i sine=frequency=440:duration={s} -vf \"{filter}\" -t {s} -r 30 -c:v libx264 -crf 18 -pix_fmt yuv420p -c:a aac -shortest \"{path}\"");
            return path;
        }

        private static void Ffmpeg(string arguments)
        {
            using var process = Process.Start(new ProcessStartInfo("ffmpeg", arguments) { UseShellExecute = false })!;
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException("ffmpeg " + arguments + " failed");
        }
    }
}
