using AnimeGan.Core.Faces;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// The portrait measures of docs/faces.md (landmark drift, cheek texture, cheek colour shift, face change)
    /// for every face of the shared portraits, under the default face path and the alternatives it was chosen
    /// from; with a folder it also writes each output for the picture grid.
    /// </summary>
    internal static class PortraitTable
    {
        /// <summary>The treatments tried, by name; "default" is the engine's.</summary>
        private static readonly Dictionary<string, FaceTreatment> Treatments = new()
        {
            ["old default (scene style)"] = FaceTreatment.SceneStyle,
            ["jp-face"] = FaceTreatment.SceneStyle with { Style = "jp-face" },
            ["default"] = FaceTreatment.Default,
        };

        public static void Run(string[] names, string? writeInto)
        {
            var engine = TestModels.Engine;
            var portraits = TestFiles.PortraitFaceCounts().Keys.OrderBy(p => p, StringComparer.Ordinal).ToList();
            var photos = portraits.ToDictionary(p => p, p => ImageDecoder.Read(p).Pixels);
            var photoFaces = photos.ToDictionary(p => p.Key, p => engine.DetectFaces(p.Value));
            var chosen = names.Length == 0 ? Treatments.Keys.ToArray() : names;
            Console.WriteLine("| treatment | faces kept | drift median / max | cheek texture median / max | colour shift median / max | face change min / median | one-face portraits meet targets |");
            Console.WriteLine("|---|---:|---|---|---|---|---|");
            foreach (var name in chosen)
            {
                engine.FaceTreatment = Treatments.TryGetValue(name, out var known) ? known : Parse(name);
                var all = new List<PortraitMeasures>();
                var lost = 0;
                var singles = true;
                var rows = new List<string>();
                foreach (var path in portraits)
                {
                    var output = engine.Stylize(photos[path]).Image;
                    if (writeInto != null)
                        ImageEncoder.Write(output, ImageMetadata.Empty(RasterFormat.Jpeg), Path.Combine(writeInto, $"{Slug(name)}-{Path.GetFileNameWithoutExtension(path)}.jpg"), RasterFormat.Jpeg, 90, overwrite: true);
                    var measures = PortraitMeasures.Of(photos[path], photoFaces[path], output, engine.DetectFaces(output));
                    for (var i = 0; i < measures.Count; i++)
                    {
                        var m = measures[i];
                        rows.Add(m == null
                            ? $"| {Path.GetFileName(path)} #{i + 1} | lost | | | |"
                            : $"| {Path.GetFileName(path)} #{i + 1} | {m.Drift:0.000} | {m.CheekTexture:0.00}x | {m.CheekColorShift:0.0} | {m.FaceChange:0.0} |");
                        if (m == null)
                            lost++;
                        else
                            all.Add(m);
                        if (measures.Count == 1 && (m == null || !m.MeetsTargets || m.Drift > PortraitMeasures.MaxMedianDrift))
                            singles = false;
                    }
                }

                Console.WriteLine($"| {name} | {all.Count}/{all.Count + lost} | {Median(all.Select(m => m.Drift)):0.000} / {all.Max(m => m.Drift):0.000} | {Median(all.Select(m => m.CheekTexture)):0.00}x / {all.Max(m => m.CheekTexture):0.00}x | {Median(all.Select(m => m.CheekColorShift)):0.0} / {all.Max(m => m.CheekColorShift):0.0} | {all.Min(m => m.FaceChange):0.0} / {Median(all.Select(m => m.FaceChange)):0.0} | {(singles ? "yes" : "no")} |");
                if (Environment.GetEnvironmentVariable("PORTRAIT_ROWS") == "1")
                    rows.ForEach(r => Console.WriteLine("    " + r));
            }

            engine.FaceTreatment = FaceTreatment.Default;
        }

        /// <summary>
        /// A picture grid, one row per face (up to <paramref name="rows"/>): the photo, then each treatment,
        /// each cell the face box widened 1.8x and scaled to 240 px, written as a JPEG.
        /// </summary>
        public static void Grid(string target, string[] names, int rows)
        {
            var engine = TestModels.Engine;
            using var grid = new ImageMagick.MagickImageCollection();
            var row = 0;
            foreach (var path in TestFiles.PortraitFaceCounts().OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key))
            {
                var photo = ImageDecoder.Read(path).Pixels;
                var faces = engine.DetectFaces(photo).OrderByDescending(f => f.Box.Area).Take(2).ToList();
                var outputs = new List<PixelImage> { photo };
                foreach (var name in names)
                {
                    engine.FaceTreatment = Treatments.TryGetValue(name, out var known) ? known : Parse(name);
                    outputs.Add(engine.Stylize(photo).Image);
                }

                foreach (var face in faces)
                {
                    if (row++ >= rows)
                        break;
                    var side = (int)(Math.Max(face.Box.Width, face.Box.Height) * 1.8f);
                    var x = (int)(face.Box.X + (face.Box.Width / 2) - (side / 2));
                    var y = (int)(face.Box.Y + (face.Box.Height / 2) - (side / 2));
                    foreach (var output in outputs)
                    {
                        var cell = new ImageMagick.MagickImage();
                        cell.ReadPixels(output.Rgb, new ImageMagick.PixelReadSettings((uint)output.Width, (uint)output.Height, ImageMagick.StorageType.Char, ImageMagick.PixelMapping.RGB));
                        cell.Crop(new ImageMagick.MagickGeometry(Math.Max(0, x), Math.Max(0, y), (uint)side, (uint)side));
                        cell.ResetPage();
                        cell.Resize(240, 240);
                        cell.Extent(240, 240, ImageMagick.Gravity.Center, ImageMagick.MagickColors.White);
                        grid.Add(cell);
                    }
                }
            }

            engine.FaceTreatment = FaceTreatment.Default;
            using var montage = grid.Montage(new ImageMagick.MontageSettings
            {
                Geometry = new ImageMagick.MagickGeometry(240, 240) { X = 2, Y = 2 },
                TileGeometry = new ImageMagick.MagickGeometry((uint)(names.Length + 1), (uint)Math.Min(row, rows)),
                BackgroundColor = ImageMagick.MagickColors.White,
            });
            montage.Quality = 85;
            montage.Write(target, target.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? ImageMagick.MagickFormat.Png : ImageMagick.MagickFormat.Jpeg);
            Console.WriteLine($"{target}: {Math.Min(row, rows)} faces, columns: photo, {string.Join(", ", names)}");
        }

        /// <summary>A treatment from "key=value,key=value" (style, mix, crop, strength, keep, before, after, feather).</summary>
        private static FaceTreatment Parse(string text)
        {
            var treatment = FaceTreatment.SceneStyle;
            foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var (key, value) = (pair.Split('=')[0], pair.Split('=')[1]);
                if (key == "style")
                {
                    treatment = treatment with { Style = value };
                    continue;
                }

                if (key == "smoother")
                {
                    treatment = treatment with { Smoother = Enum.Parse<FaceSmoother>(value, ignoreCase: true) };
                    continue;
                }

                var number = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                treatment = key switch
                {
                    _ => key switch
                    {
                        "mix" => treatment with { StyleMix = number },
                        "crop" => treatment with { CropSize = (int)number },
                        "strength" => treatment with { Strength = number },
                        "keep" => treatment with { KeepColors = number != 0 },
                        "before" => treatment with { SmoothBefore = (int)number },
                        "after" => treatment with { SmoothAfter = (int)number },
                        "eps" => treatment with { SmoothEpsilon = (float)number },
                        "skin" => treatment with { SkinTone = number },
                        "core" => treatment with { LineThreshold = (int)number },
                        "gain" => treatment with { LineGain = number },
                        "limit" => treatment with { SkinToneLimit = (int)number },
                        "cel" => treatment with { CelStep = (int)number },
                        "features" => treatment with { KeepFeatures = number != 0 },
                        "match" => treatment with { MatchBorder = number != 0 },
                        "feather" => treatment with { FeatherStart = (float)number },
                        _ => throw new ArgumentException($"unknown treatment key '{key}'"),
                    },
                };
            }

            return treatment;
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        private static string Slug(string name) => new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
    }
}
