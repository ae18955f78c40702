namespace AnimeGan.Core.Models
{
    /// <summary>
    /// The catalogue of models: the folder where they live (shared by the CLI, the PowerShell module and the
    /// Paint.NET effect), the manifest they are checked against, and which of them are present. Files enter it
    /// through <see cref="ModelInstaller"/> and are hash-checked before they are loaded, so a half-downloaded or
    /// tampered model is never run.
    /// </summary>
    public sealed class ModelStore
    {
        /// <summary>The environment variable that points every front end at one models folder.</summary>
        public const string FolderVariable = "ANIMEGAN_MODELS";

        private readonly ModelVerification _verification = new ModelVerification();

        private readonly ModelManifest _baseManifest;
        private readonly object _variantsLock = new object();
        private ManifestSnapshot _current;

        /// <summary>Creates a store over a folder.</summary>
        /// <param name="folder">The models folder; null resolves it as <see cref="ResolveFolder"/> does.</param>
        /// <param name="manifest">The manifest; null uses <see cref="ModelManifest.Default"/>.</param>
        public ModelStore(string? folder = null, ModelManifest? manifest = null)
            : this(folder, null, manifest)
        {
        }

        private ModelStore(string? folder, string? shippedFolder, ModelManifest? manifest)
        {
            Folder = ResolveFolder(folder);
            ShippedFolder = string.IsNullOrWhiteSpace(shippedFolder) ? null : Path.GetFullPath(shippedFolder);
            _baseManifest = manifest ?? ModelManifest.Default;
            _current = ReadManifest();
        }

        /// <summary>
        /// Creates a store whose own folder comes first and the models that came with the program second: a user's
        /// folder (<c>ANIMEGAN_MODELS</c>, <c>--models</c>, the per-user folder) adds to what an archive ships
        /// instead of hiding it, so a style installed there still finds the shipped face detector. Installs,
        /// variants, verdicts and optimized graphs go to the own folder; the shipped one is only read.
        /// </summary>
        /// <param name="folder">The store's own folder; null resolves it as <see cref="ResolveFolder"/> does.</param>
        /// <param name="shippedFolder">The folder of models that came with the program; null for none.</param>
        public static ModelStore WithShipped(string? folder, string? shippedFolder) => new ModelStore(folder, shippedFolder, null);

        /// <summary>Gets the absolute models folder: where installs and everything made from models go.</summary>
        public string Folder { get; }

        /// <summary>Gets the folder of models that came with the program, searched after <see cref="Folder"/>; null for none.</summary>
        public string? ShippedFolder { get; }

        /// <summary>
        /// Gets the manifest this store checks files against: the shipped models plus the variants made in
        /// this folder. A variants list changed since the last look (a variant made by another command or
        /// process) is read again, so a long-lived engine can use a variant the moment it exists.
        /// </summary>
        public ModelManifest Manifest
        {
            get
            {
                var current = Volatile.Read(ref _current);
                if (current.IsCurrent(this))
                    return current.Manifest;
                lock (_variantsLock)
                {
                    if (!_current.IsCurrent(this))
                        Volatile.Write(ref _current, ReadManifest());
                    return _current.Manifest;
                }
            }
        }

        private ManifestSnapshot ReadManifest()
        {
            // Stamps first: a write landing between the two reads makes the next access read again.
            var stamp = FileStamp.Of(VariantsPath);
            var shippedStamp = ShippedStamp();
            // The own folder's variants first: one made here again replaces the shipped one of the same id.
            var variants = LoadVariants(VariantsPath);
            var shipped = ShippedFolder == null ? Array.Empty<ModelEntry>() : LoadVariants(ShippedVariantsPath).Where(v => variants.All(own => own.Id != v.Id));
            return new ManifestSnapshot(_baseManifest.WithVariants(variants.Concat(shipped).ToList()), stamp, shippedStamp);
        }

        private string VariantsPath => Path.Combine(Folder, Onnx.ModelOptimizer.VariantsFile);

        private string ShippedVariantsPath => Path.Combine(ShippedFolder!, Onnx.ModelOptimizer.VariantsFile);

        /// <summary>The shipped variants list's stamp; the default one for a store with no shipped folder, which nothing need look at.</summary>
        private FileStamp ShippedStamp() => ShippedFolder == null ? default : FileStamp.Of(ShippedVariantsPath);

        /// <summary>
        /// Picks the models folder: the explicit one, else <c>ANIMEGAN_MODELS</c>, else a per-user data
        /// folder, so scripts can redirect it and ordinary users never have to think about it.
        /// </summary>
        public static string ResolveFolder(string? explicitFolder = null)
        {
            if (!string.IsNullOrWhiteSpace(explicitFolder))
                return Path.GetFullPath(explicitFolder);
            var fromEnvironment = Environment.GetEnvironmentVariable(FolderVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
                return Path.GetFullPath(fromEnvironment);
            return Path.Combine(UserDataFolder(), "models");
        }

        /// <summary>Gets the per-user data folder (LocalApplicationData, or ~/.local/share) for this toolkit.</summary>
        internal static string UserDataFolder()
        {
            var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(userData))
                userData = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return Path.Combine(userData, "AnimeGan");
        }

        /// <summary>
        /// Reads the optimized variants made in this folder (variants.json). A damaged list is ignored rather
        /// than blocking the original models; each variant file is still hash-checked before it is loaded.
        /// </summary>
        private static IReadOnlyList<ModelEntry> LoadVariants(string path)
        {
            if (!File.Exists(path))
                return Array.Empty<ModelEntry>();
            try
            {
                return ModelManifest.Load(path).Models.Where(m => m.Id.Contains("@")).ToList();
            }
            catch (AnimeGanException)
            {
                return Array.Empty<ModelEntry>();
            }
        }

        /// <summary>Gets where a model's file is: in the own folder, else in the shipped one, else where an install would put it (the own folder).</summary>
        public string GetPath(ModelEntry model)
        {
            Throw.IfNull(model);
            if (!ModelManifest.IsPlainFileName(model.FileName))
                throw new AnimeGanException(AnimeGanErrorCode.ManifestInvalid, $"Model '{model.Id}' names '{model.FileName}', which would leave the models folder.", model.FileName);
            var own = Path.Combine(Folder, model.FileName);
            if (ShippedFolder != null && !File.Exists(own))
            {
                var shipped = Path.Combine(ShippedFolder, model.FileName);
                if (File.Exists(shipped))
                    return shipped;
            }

            return own;
        }

        /// <summary>
        /// True when the model's file is present with the manifest's size (not yet hash-checked): a truncated or
        /// foreign file of that name is not an installed model, and lists say so rather than "yes".
        /// </summary>
        public bool IsInstalled(ModelEntry model) => FileLength(model) == model.SizeInBytes;

        /// <summary>True when a file of the model's name is present but is not the model (its size differs): reinstall it.</summary>
        public bool IsDamaged(ModelEntry model) => FileLength(model) is long length && length != model.SizeInBytes;

        /// <summary>The length of the file at the model's path; null when there is none.</summary>
        private long? FileLength(ModelEntry model)
        {
            var file = new FileInfo(GetPath(Throw.IfNull(model)));
            return file.Exists ? file.Length : null;
        }

        /// <summary>Gets the models whose files are present, in manifest order.</summary>
        public IReadOnlyList<ModelEntry> Installed(ModelKind? kind = null)
            => Manifest.Models.Where(m => (kind == null || m.Kind == kind) && IsInstalled(m)).ToList();

        /// <summary>Hashes the installed file and compares it with the manifest.</summary>
        public ModelFileState Verify(ModelEntry model) => _verification.Verify(model, GetPath(model));

        /// <summary>Checks that a model's file is present, without hashing it: the cheap check a plan makes before anything runs.</summary>
        /// <exception cref="AnimeGanException"><see cref="AnimeGanErrorCode.ModelNotInstalled"/>, naming the model.</exception>
        internal void RequireInstalled(ModelEntry model)
        {
            // A damaged file passes here, to be refused with its hash mismatch (and the way to reinstall) when loaded.
            if (!IsInstalled(model) && !IsDamaged(model))
                throw NotInstalled(model);
        }

        private AnimeGanException NotInstalled(ModelEntry model)
            => new AnimeGanException(AnimeGanErrorCode.ModelNotInstalled, $"The model '{model.Id}' is not installed in {Folder}.", GetPath(model)) { ModelId = model.Id };

        /// <summary>
        /// Gets the path of an installed model after checking its hash (once per file version), so a model
        /// that was replaced or damaged after install is refused rather than run.
        /// </summary>
        /// <exception cref="AnimeGanException">Not installed, or the hash does not match.</exception>
        public string GetVerifiedPath(ModelEntry model)
        {
            var path = GetPath(model);
            if (!File.Exists(path))
                throw NotInstalled(model);
            return _verification.RequireValid(model, path);
        }

        /// <summary>Remembers a file the installer wrote and hashed on the way in, so loading it does not hash it again.</summary>
        internal void RememberVerified(string path) => _verification.Remember(path);

        /// <summary>A manifest and the variants-list stamps it was read at, swapped as one reference.</summary>
        private sealed record ManifestSnapshot(ModelManifest Manifest, FileStamp Variants, FileStamp ShippedVariants)
        {
            public bool IsCurrent(ModelStore store)
                => FileStamp.Of(store.VariantsPath).Equals(Variants) && store.ShippedStamp().Equals(ShippedVariants);
        }
    }
}
