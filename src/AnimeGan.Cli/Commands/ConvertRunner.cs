using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AnimeGan.Cli.Console;
using AnimeGan.Core;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Models;
using Spectre.Console;

namespace AnimeGan.Cli.Commands
{
    /// <summary>Runs a batch: expands inputs, plans outputs, converts in parallel and reports each file.</summary>
    internal sealed class ConvertRunner
    {
        private readonly CliConsole _console;

        public ConvertRunner(CliConsole console) => _console = console;

        public async Task<int> RunAsync(ConvertArgs args, CancellationToken cancellationToken)
        {
            var store = new ModelStore(args.ModelsFolder);
            var unknown = UnknownModelOption(store.Manifest, args.Stylize);
            if (unknown != null)
            {
                _console.Fail(unknown);
                return ExitCodes.Usage;
            }

            var (files, missing) = InputExpander.Expand(args.Inputs, args.Recurse, args.Suffix);
            foreach (var path in missing)
                _console.Fail($"{path}: no such file or folder, or no image matches.");
            if (files.Count == 0)
            {
                _console.Fail("nothing to convert.");
                return ExitCodes.Failed;
            }

            if (files.Count > 1 && NamesAFile(args.Output))
            {
                _console.Fail($"--out '{args.Output}' names one file, but {files.Count} photos are to be converted; give a folder.");
                return ExitCodes.Usage;
            }

            using var engine = new AnimeGanEngine(store, BatchDefaults.ThreadsPerRun(Math.Min(args.Jobs, files.Count)));
            if ((args.Stylize.Strength ?? 1) > 0)
            {
                try
                {
                    // One clear message up front beats the same missing-model error once per file.
                    engine.LoadStyle(args.Stylize.Style);
                }
                catch (AnimeGanException ex)
                {
                    _console.Fail(ex.Message);
                    return ExitCodes.Failed;
                }
            }

            var plan = PlanOutputs(files, args, out var planErrors);
            foreach (var error in planErrors)
                _console.Fail(error);

            var failures = new ConcurrentQueue<string>();
            var completed = 0;
            var progressTask = (ProgressTask?)null;
            var lineLock = new object();

            async Task ConvertAll()
            {
                using var gate = new SemaphoreSlim(args.Jobs);
                var tasks = plan.Select(async item =>
                {
                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        var result = await Task.Run(() => engine.Convert(item.Input, item.Output, args.Stylize, args.Write, cancellationToken), cancellationToken).ConfigureAwait(false);
                        Interlocked.Increment(ref completed);
                        if (progressTask == null)
                        {
                            lock (lineLock)
                                _console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} -> {1} ({2:0.00} s)", item.Input, result.OutputPath, result.Duration.TotalSeconds));
                        }
                    }
                    catch (AnimeGanException ex)
                    {
                        failures.Enqueue(ex.Message);
                        if (progressTask == null)
                        {
                            lock (lineLock)
                                _console.Fail(ex.Message);
                        }
                    }
                    finally
                    {
                        gate.Release();
                        progressTask?.Increment(1);
                    }
                }).ToList();
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }

            try
            {
                if (_console.IsTerminal)
                {
                    await AnsiConsole.Progress()
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                        .StartAsync(async context =>
                        {
                            progressTask = context.AddTask("Converting", maxValue: plan.Count);
                            await ConvertAll().ConfigureAwait(false);
                        }).ConfigureAwait(false);
                    foreach (var failure in failures)
                        _console.Fail(failure);
                    _console.Out.WriteLine($"{completed} of {plan.Count} converted.");
                }
                else
                {
                    await ConvertAll().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                _console.Error.WriteLine($"interrupted: {completed} of {plan.Count} converted; no partial file was left.");
                return ExitCodes.Interrupted;
            }

            return failures.IsEmpty && missing.Count == 0 && planErrors.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }

        /// <summary>Whether --out names an output file (an image extension, no such folder) rather than a folder.</summary>
        private static bool NamesAFile(string? output)
            => output != null && !Directory.Exists(output) && Core.Imaging.RasterFormats.FromExtension(output) != null;

        /// <summary>A model option naming no model of its kind: a usage error, caught before any work.</summary>
        private static string? UnknownModelOption(ModelManifest manifest, Core.Options.StylizeOptions options)
        {
            var named = new[]
            {
                (Option: "--style", Id: options.Style, Kind: ModelKind.Style),
                (Option: "--face-style", Id: options.FaceStyle, Kind: ModelKind.Style),
                (Option: "--face-detector", Id: options.FaceDetector, Kind: ModelKind.FaceDetector),
            };
            foreach (var (option, id, kind) in named)
            {
                if (id == null || manifest.Find(id)?.Kind == kind)
                    continue;
                var known = string.Join(", ", manifest.Models.Where(m => m.Kind == kind).Select(m => m.Id));
                return $"{option} '{id}' is not a known {ModelManifest.KindName(kind)}; choose one of: {known}.";
            }

            return null;
        }

        private static List<(string Input, string Output)> PlanOutputs(List<InputFile> files, ConvertArgs args, out List<string> errors)
        {
            errors = new List<string>();
            var plan = new List<(string, string)>();
            var targets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var singleFileTarget = files.Count == 1 && NamesAFile(args.Output);

            foreach (var file in files)
            {
                string output;
                if (singleFileTarget)
                {
                    output = Path.GetFullPath(args.Output!);
                }
                else
                {
                    var folder = args.Output;
                    if (folder != null && file.Root != null)
                    {
                        var relative = Path.GetDirectoryName(Path.GetRelativePath(file.Root, file.Path));
                        if (!string.IsNullOrEmpty(relative))
                            folder = Path.Combine(folder, relative);
                    }

                    output = OutputPaths.ForInput(file.Path, folder, args.Suffix, args.Write.Format);
                }

                if (targets.TryGetValue(output, out var other))
                {
                    errors.Add($"{file.Path}: would write {output}, which {other} also writes; skipped.");
                    continue;
                }

                targets[output] = file.Path;
                plan.Add((file.Path, output));
            }

            return plan;
        }
    }
}
