using System.CommandLine;
using AnimeGan.Cli.Console;
using AnimeGan.Core;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.IO;
using AnimeGan.Core.Options;

namespace AnimeGan.Cli.Commands
{
    /// <summary>`animegan convert`: declares the options and hands validated args to the runner.</summary>
    internal static class ConvertCommand
    {
        public static void Register(RootCommand root, CliConsole console, IConvertRunner? runner = null)
        {
            var inputs = new Argument<string[]>("inputs") { Description = "Photos, animated GIF/WebP, videos (MP4, MOV, MKV, WebM; needs ffmpeg), folders or patterns (e.g. 'shots/*.jpg').", Arity = ArgumentArity.OneOrMore };
            var style = new Option<string?>("--style", "-s") { Description = "Style id (see 'animegan styles'); default: the manifest's default style.", HelpName = "ID" };
            var strength = new Option<double>("--strength") { Description = $"How much of the style to apply, {OptionLimits.MinStrength} (original) to {OptionLimits.MaxStrength} (full).", HelpName = $"{OptionLimits.MinStrength}..{OptionLimits.MaxStrength}", DefaultValueFactory = _ => 1.0 }.Invariant(1.0);
            var output = new Option<string?>("--out", "-o") { Description = "Output folder, or output file when converting one photo.", HelpName = "DIR|FILE" };
            var suffix = new Option<string?>("--suffix") { Description = $"Added to each output's name (default {OutputPaths.DefaultSuffix}).", HelpName = "TEXT" };
            var format = new Option<string?>("--format", "-f") { Description = "Output format: jpg, png, webp, tif, bmp or gif (default: the input's).", HelpName = "FORMAT" };
            var quality = new Option<int?>("--quality", "-q") { Description = $"JPEG/WebP quality {OptionLimits.MinQuality}-{OptionLimits.MaxQuality}, and video quality (default {ImageEncoder.DefaultJpegQuality}, H.264 CRF 15).", HelpName = $"{OptionLimits.MinQuality}..{OptionLimits.MaxQuality}" }.Invariant();
            var maxSize = new Option<int?>("--max-size") { Description = $"Long side the model runs at, {OptionLimits.MinWorkingSize}-{OptionLimits.MaxWorkingSize} (default {AnimeGanEngine.DefaultMaxSize}); output keeps full resolution.", HelpName = "PIXELS" }.Invariant();
            var overwrite = new Option<bool>("--overwrite") { Description = "Replace existing output files (never the input)." };
            var recurse = new Option<bool>("--recurse", "-r") { Description = "Include sub-folders of folder inputs and patterns." };
            var jobs = new Option<int>("--jobs", "-j") { Description = $"Photos converted at once, {OptionLimits.MinJobs}-{OptionLimits.MaxJobs} (default {BatchDefaults.Jobs}: one per core).", HelpName = "N", DefaultValueFactory = _ => BatchDefaults.Jobs }.Invariant(BatchDefaults.Jobs);
            var upsampling = new Option<string?>("--upsampling") { Description = "How results return to full size: guided (sharp, default) or lanczos.", HelpName = "MODE" };
            var faces = new Option<bool>("--faces") { Description = "Stylize each face at its own scale in the style, skin smoothed and near the photo's tone (default: on when a face detector is installed)." };
            var noFaces = new Option<bool>("--no-faces") { Description = "Turn face enhancement off." };
            var faceStyle = new Option<string?>("--face-style") { Description = "Draw faces in this style as its model draws them, e.g. jp-face or cute (default: --style with smoothed skin).", HelpName = "ID" };
            var faceDetector = new Option<string?>("--face-detector") { Description = "Face detector: retinaface (default) or yunet.", HelpName = "ID" };
            var precision = new Option<string?>("--precision") { Description = "auto (default: INT8 where this processor's verdict says it is faster and looks the same, see animegan styles), float or int8.", HelpName = "MODE" };
            var keepColors = new Option<bool>("--keep-colors") { Description = "Keep the photo's own colours; take only the style's light and lines." };
            var shard = new Option<string?>("--shard") { Description = $"Convert only this worker's part of the photos, K of N workers (0/4 .. 3/4); default: ${ShardVariables.Index} with --shard-count, as a Kubernetes Indexed Job sets it. Existing outputs are skipped.", HelpName = "K/N" };
            var shardCount = new Option<int?>("--shard-count") { Description = $"How many workers share the photos when the index comes from ${ShardVariables.Index} (default: ${ShardVariables.Count}).", HelpName = "N" }.Invariant();
            var list = new Option<bool>("--list") { Description = "Print the photos this run would convert (with --shard: this worker's part) and their outputs; convert nothing." };
            var failOnErrors = new Option<bool>("--fail-on-errors") { Description = "Whether photos that cannot be converted make the exit code 1 (default true). false: exit 0 when each failure is the photo's own (damaged, unsupported, too large), as a batch Job that must finish wants; they are still printed, and listed with --report.", HelpName = "true|false", DefaultValueFactory = _ => true, Arity = ArgumentArity.ZeroOrOne };
            var report = new Option<string?>("--report") { Description = "Write a JSON report of the run to FILE: how many photos were converted and skipped, and each one that was not, with its reason.", HelpName = "FILE" };
            var skipExisting = new Option<bool>("--skip-existing") { Description = "Leave photos whose output exists, instead of reporting each as an error: a stopped run started again does only what is missing." };

            inputs.Validators.Add(result =>
            {
                // The parser hands unknown options to the inputs; a dash word that names no file is a typo.
                foreach (var value in result.Tokens.Select(t => t.Value))
                {
                    if (value.StartsWith("-", StringComparison.Ordinal) && !File.Exists(value) && !Directory.Exists(value))
                        result.AddError($"Unrecognized option '{value}'. To convert a file whose name starts with '-', write ./{value}.");
                }
            });

            var command = new Command("convert", "Turn photos into anime-style pictures at full resolution.");
            command.Arguments.Add(inputs);
            foreach (var option in new Option[] { style, strength, output, suffix, format, quality, maxSize, overwrite, recurse, jobs, upsampling, faces, noFaces, faceStyle, faceDetector, keepColors, precision, shard, shardCount, list, skipExisting, failOnErrors, report })
                command.Options.Add(option);

            command.SetAction(async (parseResult, cancellationToken) =>
            {
                // Hand the task back first, so Ctrl+C is listened for while converting (see LongRunningAction).
                await Task.Yield();
                ConvertArgs args;
                try
                {
                    if (parseResult.GetValue(faces) && parseResult.GetValue(noFaces))
                        throw new ArgumentException("--faces and --no-faces cannot be used together.");
                    bool? faceChoice = parseResult.GetValue(faces) ? true : parseResult.GetValue(noFaces) ? false : null;
                    args = new ConvertArgs(
                        parseResult.GetValue(inputs) ?? Array.Empty<string>(),
                        parseResult.GetValue(style),
                        parseResult.GetValue(strength),
                        parseResult.GetValue(output),
                        parseResult.GetValue(suffix),
                        parseResult.GetValue(format),
                        parseResult.GetValue(quality),
                        parseResult.GetValue(maxSize),
                        parseResult.GetValue(overwrite),
                        parseResult.GetValue(recurse),
                        parseResult.GetValue(jobs),
                        parseResult.GetValue(upsampling),
                        faceChoice,
                        parseResult.GetValue(faceStyle),
                        parseResult.GetValue(faceDetector),
                        parseResult.GetValue(keepColors),
                        parseResult.GetValue(CommonOptions.ModelsFolder))
                    {
                        Shard = ShardVariables.Resolve(parseResult.GetValue(shard), parseResult.GetValue(shardCount)),
                        Precision = ConvertArgs.ParsePrecision(parseResult.GetValue(precision)),
                        ListOnly = parseResult.GetValue(list),
                        SkipExisting = parseResult.GetValue(skipExisting),
                        FailOnErrors = parseResult.GetValue(failOnErrors),
                        ReportPath = parseResult.GetValue(report),
                    };
                }
                catch (ArgumentException ex)
                {
                    console.Fail(ex.Message);
                    return ExitCodes.Usage;
                }
                catch (AnimeGanException ex) when (ex.Code == AnimeGanErrorCode.InvalidOption)
                {
                    console.Fail(ex);
                    return ExitCodes.Usage;
                }

                return await (runner ?? new ConvertRunner(console)).RunAsync(args, cancellationToken).ConfigureAwait(false);
            });

            ExamplesHelpAction.Attach(
                command,
                "animegan convert photo.jpg                         # writes photo_anime.jpg",
                "animegan convert photo.jpg -s shinkai -o art.png   # one photo to a chosen file",
                "animegan convert shots -r -o anime --jobs 2        # a folder tree into ./anime",
                "animegan convert 'trip/*.jpg' --strength 0.7 -f webp",
                "animegan convert portrait.jpg --face-style jp-face   # manga faces on a Hayao picture",
                "animegan convert sunset.jpg -s shinkai --keep-colors  # Shinkai's light, the photo's colours",
                "animegan convert clip.mp4 -s shinkai               # a video, with its sound (needs ffmpeg)",
                "animegan convert /archive -r -o /out --shard 1/4 --list   # the photos worker 1 of 4 takes",
                "JOB_COMPLETION_INDEX=2 animegan convert /archive -r -o /out --shard-count 4   # worker 2 of 4");
            root.Subcommands.Add(command);
        }
    }
}
