using System.Collections.Concurrent;
using System.Text.Json;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// Makes each style's optimized graph once and keeps it beside the model (<c>name.optimized.onnx</c>, with a
    /// <c>name.optimized.json</c> record of its SHA-256, the SHA-256 of the file it came from and the optimizer
    /// version), so installing or first loading a style pays for the rewrite and every later run just loads it. The
    /// original file is never changed. A models folder that cannot be written (Paint.NET's Effects folder) sends
    /// the graph to a per-user folder instead. A graph that cannot be made, or whose output on a check picture is
    /// not the original's, is not used: the original runs and <see cref="GraphToRun.Note"/> says why.
    /// </summary>
    public sealed class OptimizedGraphCache
    {
        /// <summary>What an optimized graph's file name ends with.</summary>
        public const string FileSuffix = ".optimized.onnx";

        /// <summary>The least PSNR, in dB, of the optimized graph's output against the original's on the check picture.</summary>
        internal const double MinimumPsnr = 40;

        private const string RecordSuffix = ".optimized.json";
        private const int CheckSize = 128;

        private readonly ModelStore _store;
        private readonly string _userFolder;
        private readonly ConcurrentDictionary<string, FileStamp> _checked = new ConcurrentDictionary<string, FileStamp>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, object> _locks = new ConcurrentDictionary<string, object>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Creates the cache for a model store.</summary>
        /// <param name="store">The store whose styles are optimized.</param>
        /// <param name="userFolder">Where graphs go when the models folder cannot be written; null for the per-user data folder.</param>
        public OptimizedGraphCache(ModelStore store, string? userFolder = null)
        {
            _store = Throw.IfNull(store);
            _userFolder = userFolder ?? Path.Combine(ModelStore.UserDataFolder(), "optimized");
        }

        /// <summary>
        /// Gets the file to run for a style, making and checking its optimized graph first when there is none
        /// for this version of the original file yet.
        /// </summary>
        /// <exception cref="AnimeGanException">The original is not installed or does not match its SHA-256.</exception>
        public GraphToRun Resolve(ModelEntry entry)
        {
            Throw.IfNull(entry);
            var original = _store.GetVerifiedPath(entry);
            if (entry.Kind != ModelKind.Style || entry.Id.Contains("@"))
                return new GraphToRun(entry, original, entry.Id.Contains("@"), entry.Id.Contains("@") ? "a variant made by the optimizer" : "not a style model");

            lock (_locks.GetOrAdd(entry.Id, _ => new object()))
            {
                string? refused = null;
                foreach (var folder in Folders(entry))
                {
                    var found = Find(folder, entry);
                    if (found.Runnable != null)
                        return found.Runnable;
                    refused ??= found.Refusal;
                }

                return Build(entry, original, refused);
            }
        }

        /// <summary>Says, without making anything, whether a style runs optimized: for <c>models list</c>.</summary>
        /// <returns>"yes", "not yet made" (made at first load), or "no: " and the reason.</returns>
        public string Describe(ModelEntry entry)
        {
            Throw.IfNull(entry);
            if (entry.Kind != ModelKind.Style)
                return "-";
            if (entry.Id.Contains("@"))
                return "variant";
            if (!_store.IsInstalled(entry))
                return "-";
            string? refused = null;
            foreach (var folder in Folders(entry))
            {
                var found = Find(folder, entry);
                if (found.Runnable != null)
                    return found.Runnable.IsOptimized ? "yes" : "no: " + found.Runnable.Note;
                refused ??= found.Refusal;
            }

            return refused == null ? "not yet made" : "remade at next load: " + refused;
        }

        /// <summary>Gets where the optimized graph of a style is written in the models folder.</summary>
        public string PathIn(string folder, ModelEntry entry) => Path.Combine(folder, Stem(Throw.IfNull(entry)) + FileSuffix);

        private IEnumerable<string> Folders(ModelEntry entry)
        {
            yield return _store.Folder;
            yield return Path.Combine(_userFolder, entry.Sha256.Substring(0, 16));
        }

        private static string Stem(ModelEntry entry) => Path.GetFileNameWithoutExtension(entry.FileName);

        private static string RecordPath(string folder, ModelEntry entry) => Path.Combine(folder, Stem(entry) + RecordSuffix);

        /// <summary>Looks for a usable graph (or a recorded failure) in one folder.</summary>
        private (GraphToRun? Runnable, string? Refusal) Find(string folder, ModelEntry entry)
        {
            var record = Record.Read(RecordPath(folder, entry));
            if (record == null || record.Optimizer != GraphOptimizer.Version || !string.Equals(record.SourceSha256, entry.Sha256, StringComparison.Ordinal))
                return (null, null);
            if (record.Failure != null)
                return (new GraphToRun(entry, _store.GetPath(entry), false, record.Failure), null);

            var path = PathIn(folder, entry);
            if (!File.Exists(path))
                return (null, null);
            var stamp = FileStamp.Of(path);
            if (!(_checked.TryGetValue(path, out var known) && known.Equals(stamp)))
            {
                if (!string.Equals(Sha256File.Compute(path), record.Sha256, StringComparison.Ordinal))
                    return (null, $"{path} did not match its recorded SHA-256");
                _checked[path] = stamp;
            }

            return (Optimized(entry, path, record.Passes), null);
        }

        private static GraphToRun Optimized(ModelEntry entry, string path, IEnumerable<string> passes)
            => new GraphToRun(entry.WithElementType("float32"), path, true, passes.Any() ? "optimized graph: " + string.Join(", ", passes) : "optimized graph: nothing to rewrite");

        private GraphToRun Build(ModelEntry entry, string original, string? refused)
        {
            var prefix = refused == null ? string.Empty : refused + "; ";
            (Proto.ModelProto Model, IReadOnlyList<string> Passes) optimized;
            try
            {
                optimized = GraphOptimizer.Optimize(OnnxModelFile.Read(original));
            }
            catch (Exception ex) when (ex is AnimeGanException || ex is InvalidOperationException)
            {
                return Refuse(entry, original, prefix + "the optimizer could not rewrite it (" + ex.Message + ")");
            }

            var failures = new List<string>();
            foreach (var folder in Folders(entry))
            {
                var target = PathIn(folder, entry);
                var temporary = FileMoves.TemporaryPathFor(target);
                try
                {
                    Directory.CreateDirectory(folder);
                    File.WriteAllBytes(temporary, OnnxModelFile.ToBytes(optimized.Model));
                    var difference = CheckSameOutput(entry, original, temporary);
                    if (difference != null)
                    {
                        Record.Write(RecordPath(folder, entry), new Record { SourceSha256 = entry.Sha256, Optimizer = GraphOptimizer.Version, Failure = difference });
                        return Refuse(entry, original, prefix + difference);
                    }

                    var hash = Sha256File.Compute(temporary);
                    FileMoves.Replace(temporary, target);
                    Record.Write(RecordPath(folder, entry), new Record { SourceSha256 = entry.Sha256, Optimizer = GraphOptimizer.Version, Sha256 = hash, Passes = optimized.Passes.ToList() });
                    _checked[target] = FileStamp.Of(target);
                    return Optimized(entry, target, optimized.Passes);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    failures.Add($"{folder}: {ex.Message}");
                }
                finally
                {
                    FileMoves.TryDelete(temporary);
                }
            }

            return Refuse(entry, original, prefix + "the optimized graph could not be written (" + string.Join("; ", failures) + ")");
        }

        private static GraphToRun Refuse(ModelEntry entry, string original, string reason) => new GraphToRun(entry, original, false, "original graph: " + reason);

        /// <summary>Runs both graphs on a drawn scene; null when the optimized one's picture is the original's within <see cref="MinimumPsnr"/>.</summary>
        private static string? CheckSameOutput(ModelEntry entry, string original, string optimizedPath)
        {
            try
            {
                using var before = new StyleModel(entry, original, 0);
                using var after = new StyleModel(entry.WithElementType("float32"), optimizedPath, 0);
                var width = before.Contract.FixedWidth ?? CheckSize;
                var height = before.Contract.FixedHeight ?? CheckSize;
                var scene = SyntheticPictures.Scene(1, width, height);
                var psnr = Psnr(before.Run(scene.Rgb, width, height), after.Run(scene.Rgb, width, height));
                return psnr >= MinimumPsnr ? null : $"its output differed from the original's (PSNR {psnr:0.0} dB, at least {MinimumPsnr} needed)";
            }
            catch (AnimeGanException ex)
            {
                return "the optimized graph did not load or run (" + ex.Message + ")";
            }
        }

        // Over the check picture's few thousand values, so plain LINQ is quick enough.
        internal static double Psnr(byte[] a, byte[] b)
        {
            var mse = a.Select((value, i) => (double)(value - b[i]) * (value - b[i])).Average();
            return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
        }

        /// <summary>The JSON record kept beside an optimized graph.</summary>
        private sealed class Record
        {
            public string SourceSha256 { get; set; } = string.Empty;

            public int Optimizer { get; set; }

            public string? Sha256 { get; set; }

            public List<string> Passes { get; set; } = new List<string>();

            public string? Failure { get; set; }

            public static Record? Read(string path)
            {
                try
                {
                    return File.Exists(path) ? JsonSerializer.Deserialize<Record>(File.ReadAllText(path)) : null;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonException)
                {
                    return null;
                }
            }

            public static void Write(string path, Record record)
            {
                var temporary = FileMoves.TemporaryPathFor(path);
                try
                {
                    File.WriteAllText(temporary, JsonSerializer.Serialize(record, new JsonSerializerOptions { WriteIndented = true }));
                    FileMoves.Replace(temporary, path);
                }
                finally
                {
                    FileMoves.TryDelete(temporary);
                }
            }
        }
    }
}
