using System.Text.Json;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// The precision verdicts of a models folder, kept in <c>precision.json</c> beside the variants they judge. A
    /// verdict holds only while the processor, the style file and its INT8 variant are the ones it was made on;
    /// otherwise the style runs float until a new verdict is made (at install, or by <c>models optimize</c>).
    /// </summary>
    internal static class PrecisionVerdicts
    {
        public const string FileName = "precision.json";

        /// <summary>The last reading of each folder's file, by its stamp: every conversion (every frame of a clip) asks.</summary>
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (FileStamp Stamp, IReadOnlyDictionary<string, PrecisionVerdict> Verdicts)> Readings = new();

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

        /// <summary>The verdict for <paramref name="style"/> that still holds here, or null.</summary>
        public static PrecisionVerdict? Current(ModelStore store, ModelEntry style)
        {
            var variantId = ModelOptimizer.VariantId(style.Id, OptimizationKind.Int8);
            if (!Read(store).TryGetValue(style.Id, out var verdict) || store.Manifest.Find(variantId) is not ModelEntry variant)
                return null;
            return verdict.ProcessorKey == ProcessorFeatures.Key
                && string.Equals(verdict.StyleSha256, style.Sha256, StringComparison.OrdinalIgnoreCase)
                && string.Equals(verdict.VariantSha256, variant.Sha256, StringComparison.OrdinalIgnoreCase)
                && store.IsInstalled(variant)
                ? verdict
                : null;
        }

        /// <summary>Whether the style's last verdict was made on another file of it: its INT8 variant was made from that file too.</summary>
        public static bool MadeFromAnotherFile(ModelStore store, ModelEntry style)
            => Read(store).TryGetValue(style.Id, out var verdict) && !string.Equals(verdict.StyleSha256, style.Sha256, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Keeps <paramref name="verdict"/>, replacing the style's earlier one (written to a temporary file and renamed);
        /// in memory only where the folder cannot be written.
        /// </summary>
        public static void Save(ModelStore store, PrecisionVerdict verdict)
        {
            var all = Read(store).ToDictionary(pair => pair.Key, pair => pair.Value);
            all[verdict.StyleId] = verdict;
            var path = Path.Combine(store.Folder, FileName);
            var temporary = FileMoves.TemporaryPathFor(path);
            try
            {
                Directory.CreateDirectory(store.Folder);
                File.WriteAllText(temporary, JsonSerializer.Serialize(all, Json));
                FileMoves.Replace(temporary, path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A read-only models folder (an image's, a shared install) keeps the verdict for this process, until
                // the file on disk changes: the next process measures again.
            }
            finally
            {
                FileMoves.TryDelete(temporary);
            }

            Readings[path] = (FileStamp.Of(path), all);
        }

        private static IReadOnlyDictionary<string, PrecisionVerdict> Read(ModelStore store)
        {
            var path = Path.Combine(store.Folder, FileName);
            // Stamp first: a write landing between the two reads makes the next access read again.
            var stamp = FileStamp.Of(path);
            if (Readings.TryGetValue(path, out var reading) && reading.Stamp.Equals(stamp))
                return reading.Verdicts;
            var verdicts = ReadFile(path);
            Readings[path] = (stamp, verdicts);
            return verdicts;
        }

        private static IReadOnlyDictionary<string, PrecisionVerdict> ReadFile(string path)
        {
            try
            {
                return File.Exists(path)
                    ? JsonSerializer.Deserialize<Dictionary<string, PrecisionVerdict>>(File.ReadAllText(path), Json) ?? new Dictionary<string, PrecisionVerdict>()
                    : new Dictionary<string, PrecisionVerdict>();
            }
            catch (Exception ex) when (ex is JsonException || ex is IOException || ex is UnauthorizedAccessException)
            {
                // An unreadable record only costs the speed-up: every style runs float until a verdict is made again.
                return new Dictionary<string, PrecisionVerdict>();
            }
        }
    }
}
