using System.Text.Json;
using System.Text.RegularExpressions;

namespace AnimeGan.Core.Models
{
    /// <summary>
    /// The list of known models. The default manifest ships inside the engine (built from
    /// <c>models/models.json</c>), so every front end agrees on ids and hashes without a file to find.
    /// </summary>
    public sealed class ModelManifest
    {
        private static readonly Regex Sha256Pattern = new Regex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant);
        private static readonly Regex IdPattern = new Regex("^[a-z0-9][a-z0-9._-]*(@[a-z0-9]+)?$", RegexOptions.CultureInvariant);
        private static readonly Lazy<ModelManifest> Embedded = new Lazy<ModelManifest>(LoadEmbedded);

        private readonly Dictionary<string, ModelEntry> _byId;

        private ModelManifest(IReadOnlyList<ModelEntry> models, string defaultStyleId)
        {
            Models = models;
            _byId = models.ToDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);
            DefaultStyleId = defaultStyleId;
        }

        /// <summary>Gets the manifest shipped with the engine.</summary>
        public static ModelManifest Default => Embedded.Value;

        /// <summary>Gets every model, styles first, in manifest order.</summary>
        public IReadOnlyList<ModelEntry> Models { get; }

        /// <summary>Gets the style used when the caller names none.</summary>
        public string DefaultStyleId { get; }

        /// <summary>
        /// Gets what a first install needs and nothing more: the default style and the default face detector
        /// (a few megabytes), so a new user converts at once and adds other styles when wanted.
        /// </summary>
        public IReadOnlyList<ModelEntry> Defaults => new[] { Get(DefaultStyleId, ModelKind.Style), Get(AnimeGanEngine.DefaultFaceDetector, ModelKind.FaceDetector) };

        /// <summary>Gets the style models.</summary>
        public IEnumerable<ModelEntry> Styles => Models.Where(m => m.Kind == ModelKind.Style);

        /// <summary>Finds a model by id (case-insensitive).</summary>
        /// <exception cref="AnimeGanException">No such id; the message lists the known ones.</exception>
        public ModelEntry Get(string id)
        {
            Throw.IfNullOrEmpty(id);
            if (_byId.TryGetValue(id, out var entry))
                return entry;
            throw new AnimeGanException(
                AnimeGanErrorCode.UnknownModel,
                $"Unknown model '{id}'. Known models: {string.Join(", ", Models.Select(m => m.Id))}.")
            {
                ModelId = id,
            };
        }

        /// <summary>
        /// Finds a model of one kind, so a face detector named as a style (or the other way round) is refused
        /// with the ids a user could have meant, never with a list that mixes the two kinds.
        /// </summary>
        /// <exception cref="AnimeGanException"><see cref="AnimeGanErrorCode.UnknownModel"/>: no model of that kind has this id; the message lists those that do.</exception>
        public ModelEntry Get(string id, ModelKind kind)
        {
            Throw.IfNullOrEmpty(id);
            if (_byId.TryGetValue(id, out var entry) && entry.Kind == kind)
                return entry;
            var known = string.Join(", ", Models.Where(m => m.Kind == kind).Select(m => m.Id));
            var what = entry == null
                ? $"'{id}' is not a known {Describe(kind)}"
                : $"'{entry.Id}' is a {Describe(entry.Kind)}, not a {Describe(kind)}";
            throw new AnimeGanException(AnimeGanErrorCode.UnknownModel, $"{what}; choose one of: {known}.") { ModelId = id };
        }

        /// <summary>Gets this manifest with extra entries (optimized variants) added; ids already known keep their entry.</summary>
        internal ModelManifest WithVariants(IReadOnlyList<ModelEntry> variants)
            => variants.Count == 0 ? this : new ModelManifest(Models.Concat(variants.Where(v => !_byId.ContainsKey(v.Id))).ToList(), DefaultStyleId);

        /// <summary>Finds a model by id, or returns null.</summary>
        public ModelEntry? Find(string id) => id != null && _byId.TryGetValue(id, out var entry) ? entry : null;

        /// <summary>Reads and validates a manifest, so an edited file cannot smuggle in a path or a bad hash.</summary>
        /// <param name="json">The manifest text.</param>
        /// <param name="sourceName">Where the text came from, for error messages.</param>
        public static ModelManifest Parse(string json, string sourceName)
        {
            Throw.IfNull(json);
            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                var models = new List<ModelEntry>();
                foreach (var item in root.GetProperty("models").EnumerateArray())
                    models.Add(ParseEntry(item, sourceName));

                var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var model in models)
                {
                    if (!ids.Add(model.Id))
                        throw Invalid(sourceName, $"the id '{model.Id}' appears twice");
                }

                var defaultStyle = root.TryGetProperty("defaultStyle", out var d) ? d.GetString() ?? "" : "";
                if (!models.Any(m => m.Kind == ModelKind.Style && string.Equals(m.Id, defaultStyle, StringComparison.OrdinalIgnoreCase)))
                    throw Invalid(sourceName, $"defaultStyle '{defaultStyle}' is not a style in the manifest");
                return new ModelManifest(models, defaultStyle);
            }
            catch (JsonException ex)
            {
                throw new AnimeGanException(AnimeGanErrorCode.ManifestInvalid, $"{sourceName}: not valid JSON ({ex.Message}).", sourceName, ex);
            }
            catch (KeyNotFoundException ex)
            {
                throw new AnimeGanException(AnimeGanErrorCode.ManifestInvalid, $"{sourceName}: a required field is missing.", sourceName, ex);
            }
            catch (InvalidOperationException ex)
            {
                throw new AnimeGanException(AnimeGanErrorCode.ManifestInvalid, $"{sourceName}: a field has the wrong type ({ex.Message}).", sourceName, ex);
            }
        }

        /// <summary>Creates a manifest from entries (the first style is the default), as the optimizer's variants list does.</summary>
        internal static ModelManifest FromEntries(IReadOnlyList<ModelEntry> models)
            => new ModelManifest(models, models.First(m => m.Kind == ModelKind.Style).Id);

        /// <summary>Writes the manifest in the format <see cref="Parse"/> reads.</summary>
        internal string ToJson()
        {
            var document = new
            {
                schemaVersion = 1,
                defaultStyle = DefaultStyleId,
                models = Models.Select(m => new
                {
                    id = m.Id,
                    displayName = m.DisplayName,
                    family = m.Family,
                    kind = KindName(m.Kind),
                    file = m.FileName,
                    bytes = m.SizeInBytes,
                    sha256 = m.Sha256,
                    licence = m.Licence,
                    source = m.Source?.ToString(),
                    layout = m.Layout,
                    elementType = m.ElementType,
                    description = m.Description,
                }),
            };
            return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true });
        }

        /// <summary>Gets the manifest's word for a model kind.</summary>
        public static string KindName(ModelKind kind) => kind == ModelKind.Style ? "style" : "face-detector";

        /// <summary>Gets a model kind in words for messages ("style", "face detector").</summary>
        public static string Describe(ModelKind kind) => kind == ModelKind.Style ? "style" : "face detector";

        /// <summary>Reads a manifest file.</summary>
        public static ModelManifest Load(string path)
        {
            Throw.IfNullOrEmpty(path);
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AnimeGanException(AnimeGanErrorCode.ManifestInvalid, $"{path}: cannot read the manifest ({ex.Message}).", path, ex);
            }

            return Parse(text, path);
        }

        private static ModelEntry ParseEntry(JsonElement item, string sourceName)
        {
            string Text(string name) => item.GetProperty(name).GetString() ?? throw Invalid(sourceName, $"'{name}' is null");

            var id = Text("id");
            if (!IdPattern.IsMatch(id))
                throw Invalid(sourceName, $"model id '{id}' must be lower-case letters, digits, '.', '-' or '_'");

            var fileName = Text("file");
            if (!IsPlainFileName(fileName))
                throw Invalid(sourceName, $"model '{id}' names the file '{fileName}', which is not a plain file name inside the models folder");

            var sha = Text("sha256").ToLowerInvariant();
            if (!Sha256Pattern.IsMatch(sha))
                throw Invalid(sourceName, $"model '{id}' has a SHA-256 that is not 64 hex digits");

            var kindText = Text("kind");
            ModelKind kind = kindText == KindName(ModelKind.Style) ? ModelKind.Style
                : kindText == KindName(ModelKind.FaceDetector) ? ModelKind.FaceDetector
                : throw Invalid(sourceName, $"model '{id}' has unknown kind '{kindText}'");

            Uri? source = null;
            if (item.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String)
            {
                if (!Uri.TryCreate(s.GetString(), UriKind.Absolute, out source) || source.Scheme != Uri.UriSchemeHttps)
                    throw Invalid(sourceName, $"model '{id}' has a source that is not an https address");
            }

            var size = item.GetProperty("bytes").GetInt64();
            if (size <= 0)
                throw Invalid(sourceName, $"model '{id}' has a size of {size} bytes");

            return new ModelEntry(
                id,
                Text("displayName"),
                Text("family"),
                kind,
                fileName,
                size,
                sha,
                Text("licence"),
                source,
                Text("layout"),
                Text("elementType"),
                item.TryGetProperty("description", out var desc) ? desc.GetString() ?? "" : "");
        }

        /// <summary>True when the name stays inside the folder it is joined to.</summary>
        internal static bool IsPlainFileName(string fileName)
        {
            if (string.IsNullOrWhiteSpace(fileName) || fileName == "." || fileName == "..")
                return false;
            if (fileName.IndexOfAny(new[] { '/', '\\', ':' }) >= 0 || fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                return false;
            return !Path.IsPathRooted(fileName);
        }

        private static AnimeGanException Invalid(string sourceName, string problem)
            => new AnimeGanException(AnimeGanErrorCode.ManifestInvalid, $"{sourceName}: {problem}.", sourceName);

        private static ModelManifest LoadEmbedded()
        {
            using var stream = typeof(ModelManifest).Assembly.GetManifestResourceStream("AnimeGan.Core.models.json")
                ?? throw new InvalidOperationException("The engine was built without its model manifest.");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd(), "built-in models.json");
        }
    }
}
