using System.Globalization;
using AnimeGan.Cli.Console;
using AnimeGan.Core;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Faces;
using AnimeGan.Core.Imaging;

namespace AnimeGan.Cli.Commands
{
    /// <summary>Runs `animegan faces`: the engine finds the faces; this prints them as lines or JSON.</summary>
    internal sealed class FacesRunner
    {
        private readonly CliConsole _console;

        public FacesRunner(CliConsole console) => _console = console;

        public int Run(FacesArgs args, CancellationToken cancellationToken)
        {
            using var engine = new AnimeGanEngine(CommonOptions.Store(args.ModelsFolder));
            var found = new List<object>();
            var failed = 0;
            // Files, folders (their pictures) and patterns, as convert takes them; outputs are pictures here too.
            var (pictures, missing) = InputExpander.Expand(args.Paths, recurse: false, suffix: null);
            foreach (var input in missing)
            {
                failed++;
                _console.Fail($"{input}: no such file or folder, and no picture matches it.");
            }

            foreach (var path in pictures.Select(p => p.Path))
            {
                try
                {
                    var picture = ImageDecoder.Read(path).Pixels;
                    var faces = engine.DetectFaces(picture, args.Detector, cancellationToken);
                    if (args.Json)
                        found.Add(new { path, width = picture.Width, height = picture.Height, faces = faces.Select(Json) });
                    else
                        Print(path, faces);
                }
                catch (AnimeGanException ex)
                {
                    failed++;
                    _console.Fail(ex);
                }
            }

            if (args.Json)
                CommonOptions.WriteJson(_console, found);
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }

        private static object Json(DetectedFace face) => new
        {
            box = new { x = Math.Round(face.Box.X, 1), y = Math.Round(face.Box.Y, 1), width = Math.Round(face.Box.Width, 1), height = Math.Round(face.Box.Height, 1) },
            landmarks = face.Landmarks.Select(p => new[] { Math.Round(p.X, 1), Math.Round(p.Y, 1) }),
            score = Math.Round(face.Score, 3),
        };

        private void Print(string path, IReadOnlyList<DetectedFace> faces)
        {
            _console.Out.WriteLine($"{path}: {faces.Count} face(s)");
            foreach (var f in faces)
                _console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "  box {0} score {1:0.000} landmarks {2}", f.Box, f.Score, string.Join(" ", f.Landmarks)));
        }
    }
}
