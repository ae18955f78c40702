using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using AnimeGan.Cli.Console;
using AnimeGan.Core;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.Models;

namespace AnimeGan.Cli.Commands
{
    /// <summary>`animegan faces`: what face enhancement would work on, for scripts and for checking a photo.</summary>
    internal static class FacesCommand
    {
        public static void Register(RootCommand root, CliConsole console)
        {
            var inputs = new Argument<string[]>("images") { Description = "Photos to look for faces in.", Arity = ArgumentArity.OneOrMore };
            var detector = new Option<string?>("--detector") { Description = "retinaface (default) or yunet.", HelpName = "ID" };
            var json = CommonOptions.Json();
            var command = new Command("faces", "Print each face's box, five landmarks (eyes, nose, mouth corners) and score.") { inputs, detector, json };
            command.SetAction((parseResult, cancellationToken) =>
            {
                using var engine = new AnimeGanEngine(new ModelStore(parseResult.GetValue(CommonOptions.ModelsFolder)));
                var results = new List<object>();
                var failed = 0;
                foreach (var path in parseResult.GetValue(inputs) ?? Array.Empty<string>())
                {
                    try
                    {
                        var picture = ImageDecoder.Read(path).Pixels;
                        var faces = engine.DetectFaces(picture, parseResult.GetValue(detector), cancellationToken);
                        if (parseResult.GetValue(json))
                        {
                            results.Add(new
                            {
                                path,
                                width = picture.Width,
                                height = picture.Height,
                                faces = faces.Select(f => new
                                {
                                    box = new { x = Math.Round(f.Box.X, 1), y = Math.Round(f.Box.Y, 1), width = Math.Round(f.Box.Width, 1), height = Math.Round(f.Box.Height, 1) },
                                    landmarks = f.Landmarks.Select(p => new[] { Math.Round(p.X, 1), Math.Round(p.Y, 1) }),
                                    score = Math.Round(f.Score, 3),
                                }),
                            });
                        }
                        else
                        {
                            console.Out.WriteLine($"{path}: {faces.Count} face(s)");
                            foreach (var f in faces)
                                console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "  box {0} score {1:0.000} landmarks {2}", f.Box, f.Score, string.Join(" ", f.Landmarks)));
                        }
                    }
                    catch (AnimeGanException ex)
                    {
                        failed++;
                        console.Fail(ex);
                    }
                }

                if (parseResult.GetValue(json))
                    CommonOptions.WriteJson(console, results);
                return System.Threading.Tasks.Task.FromResult(failed == 0 ? ExitCodes.Success : ExitCodes.Failed);
            });
            ExamplesHelpAction.Attach(command, "animegan faces portrait.jpg", "animegan faces *.jpg --json --detector yunet");
            root.Subcommands.Add(command);
        }
    }
}
