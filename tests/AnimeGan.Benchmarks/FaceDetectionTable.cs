using System.Diagnostics;
using AnimeGan.Core.Faces;
using ImageMagick.Drawing;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// Both detectors on the test portraits: faces found against faces.json, time per image, and the time
    /// face enhancement adds per face. With an output folder it also draws what was found.
    /// </summary>
    internal static class FaceDetectionTable
    {
        public static void Run(string? drawInto)
        {
            var engine = TestModels.Engine;
            var truth = TestFiles.PortraitFaceCounts();
            foreach (var detector in new[] { "retinaface", "yunet" })
            {
                int found = 0, expected = 0, matched = 0;
                double milliseconds = 0;
                Console.WriteLine($"## {detector}");
                Console.WriteLine("| image | size | true | found | ms |");
                Console.WriteLine("|---|---|---:|---:|---:|");
                foreach (var (path, count) in truth.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var picture = ImageDecoder.Read(path).Pixels;
                    engine.DetectFaces(picture, detector);
                    var watch = Stopwatch.StartNew();
                    var faces = engine.DetectFaces(picture, detector);
                    var elapsed = watch.Elapsed.TotalMilliseconds;
                    milliseconds += elapsed;
                    found += faces.Count;
                    expected += count;
                    matched += Math.Min(count, faces.Count);
                    Console.WriteLine($"| {Path.GetFileName(path)} | {picture.Width}x{picture.Height} | {count} | {faces.Count} | {elapsed:0} |");
                    if (drawInto != null)
                        Draw(path, faces, Path.Combine(drawInto, $"{detector}-{Path.GetFileNameWithoutExtension(path)}.png"));
                }

                Console.WriteLine($"precision {(double)matched / found:0.000}, recall {(double)matched / expected:0.000} (counts), mean {milliseconds / truth.Count:0} ms per image");
                Console.WriteLine();
            }

            // Added time per face: the same portraits with and without face enhancement.
            double plain = 0, enhanced = 0;
            var faceCount = 0;
            foreach (var path in truth.Keys)
            {
                var picture = ImageDecoder.Read(path).Pixels;
                engine.Stylize(picture, new StylizeOptions { Faces = true });
                var watch = Stopwatch.StartNew();
                engine.Stylize(picture, new StylizeOptions { Faces = false });
                plain += watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                faceCount += engine.Stylize(picture, new StylizeOptions { Faces = true }).Faces.Count;
                enhanced += watch.Elapsed.TotalMilliseconds;
            }

            Console.WriteLine($"face enhancement on {truth.Count} portraits: plain {plain:0} ms, with faces {enhanced:0} ms, {faceCount} faces: {(enhanced - plain) / faceCount:0} ms added per face");
        }

        private static void Draw(string path, System.Collections.Generic.IReadOnlyList<DetectedFace> faces, string output)
        {
            using var image = new MagickImage(path);
            image.AutoOrient();
            var drawables = new Drawables().StrokeColor(MagickColors.Lime).StrokeWidth(3).FillColor(MagickColors.Transparent);
            foreach (var face in faces)
            {
                drawables.Rectangle(face.Box.X, face.Box.Y, face.Box.X + face.Box.Width, face.Box.Y + face.Box.Height);
                foreach (var p in face.Landmarks)
                    drawables.Circle(p.X, p.Y, p.X + 3, p.Y);
            }

            drawables.Draw(image);
            image.Write(output, MagickFormat.Png);
        }
    }
}
