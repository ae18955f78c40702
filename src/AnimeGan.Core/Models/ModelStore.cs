using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.IO;

namespace AnimeGan.Core.Models
{
    /// <summary>
    /// The folder where models live, shared by the CLI, the PowerShell module and the Paint.NET effect.
    /// Every file that enters it is hash-checked against the manifest and renamed into place only once
    /// complete, so a half-downloaded or tampered model is never loaded.
    /// </summary>
    public sealed class ModelStore
    {
        /// <summary>The environment variable that points every front end at one models folder.</summary>
        public const string FolderVariable = "ANIMEGAN_MODELS";

        private readonly ConcurrentDictionary<string, FileStamp> _verified = new ConcurrentDictionary<string, FileStamp>(StringComparer.Ordinal);

        private readonly ModelManifest _baseManifest;
        private readonly object _variantsLock = new object();
        private ManifestSnapshot _current;

        /// <summary>Creates a store over a folder.</summary>
        /// <param name="folder">The models folder; null resolves it as <see cref="ResolveFolder"/> does.</param>
        /// <param name="manifest">The manifest; null uses <see cref="ModelManifest.Default"/>.</param>
        public ModelStore(string? folder = null, ModelManifest? manifest = null)
        {
            Folder = ResolveFolder(folder);
            _baseManifest = manifest ?? ModelManifest.Default;
            _current = ReadManifest();
        }

        /// <summary>Gets the absolute models folder.</summary>
        public string Folder { get; }

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
                if (FileStamp.Of(VariantsPath).Equals(current.Variants))
                    return current.Manifest;
                lock (_variantsLock)
                {
                    if (!FileStamp.Of(VariantsPath).Equals(_current.Variants))
                        Volatile.Write(ref _current, ReadManifest());
                    return _current.Manifest;
                }
            }
        }

        private ManifestSnapshot ReadManifest()
        {
            // Stamp first: a write landing between the two reads makes the next access read again.
            var stamp = FileStamp.Of(VariantsPath);
            return new ManifestSnapshot(_baseManifest.WithVariants(LoadVariants(VariantsPath)), stamp);
        }

        private string VariantsPath => Path.Combine(Folder, Onnx.ModelOptimizer.VariantsFile);

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

        /// <summary>Gets where a model's file is (or would be) in this store.</summary>
        public string GetPath(ModelEntry model)
        {
            Throw.IfNull(model);
            if (!ModelManifest.IsPlainFileName(model.FileName))
                throw new AnimeGanException(AnimeGanErrorCode.ManifestInvalid, $"Model '{model.Id}' names '{model.FileName}', which would leave the models folder.", model.FileName);
            return Path.Combine(Folder, model.FileName);
        }

        /// <summary>True when the model's file is present (not yet hash-checked).</summary>
        public bool IsInstalled(ModelEntry model) => File.Exists(GetPath(model));

        /// <summary>Gets the models whose files are present, in manifest order.</summary>
        public IReadOnlyList<ModelEntry> Installed(ModelKind? kind = null)
            => Manifest.Models.Where(m => (kind == null || m.Kind == kind) && IsInstalled(m)).ToList();

        /// <summary>Hashes the installed file and compares it with the manifest.</summary>
        public ModelFileState Verify(ModelEntry model)
        {
            var path = GetPath(model);
            var file = new FileInfo(path);
            if (!file.Exists)
                return ModelFileState.Missing;
            if (file.Length != model.SizeInBytes)
                return ModelFileState.Mismatch;
            return string.Equals(Sha256File.Compute(path), model.Sha256, StringComparison.Ordinal)
                ? ModelFileState.Valid
                : ModelFileState.Mismatch;
        }

        /// <summary>Checks that a model's file is present, without hashing it: the cheap check a plan makes before anything runs.</summary>
        /// <exception cref="AnimeGanException"><see cref="AnimeGanErrorCode.ModelNotInstalled"/>, naming the model.</exception>
        internal void RequireInstalled(ModelEntry model)
        {
            if (!IsInstalled(model))
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
            var file = new FileInfo(path);
            if (!file.Exists)
                throw NotInstalled(model);

            var stamp = FileStamp.Of(path);
            if (_verified.TryGetValue(path, out var known) && known.Equals(stamp))
                return path;
            if (Verify(model) != ModelFileState.Valid)
            {
                throw new AnimeGanException(
                    AnimeGanErrorCode.ModelHashMismatch,
                    $"{path}: the file does not match the SHA-256 of model '{model.Id}' in the manifest; reinstall it.",
                    path)
                {
                    ModelId = model.Id,
                };
            }

            _verified[path] = stamp;
            return path;
        }

        /// <summary>
        /// Installs a model from a local folder (offline install, and how CI installs the test models).
        /// </summary>
        /// <param name="model">The model to install.</param>
        /// <param name="sourceFolder">A folder holding a file with the manifest's file name.</param>
        /// <param name="cancellationToken">Stops the copy; nothing is left behind.</param>
        public InstallOutcome InstallFromFolder(ModelEntry model, string sourceFolder, CancellationToken cancellationToken = default)
        {
            Throw.IfNull(model);
            Throw.IfNullOrEmpty(sourceFolder);
            var sourcePath = Path.Combine(Path.GetFullPath(sourceFolder), model.FileName);
            if (!File.Exists(sourcePath))
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{sourcePath}: no such file to install model '{model.Id}' from.", sourcePath);
            if (Verify(model) == ModelFileState.Valid)
                return InstallOutcome.AlreadyInstalled;

            using var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            WriteVerified(model, source, sourcePath, cancellationToken);
            return InstallOutcome.Installed;
        }

        /// <summary>Installs every manifest model whose file is in <paramref name="sourceFolder"/>.</summary>
        /// <returns>The models found there and what happened to each.</returns>
        public IReadOnlyList<(ModelEntry Model, InstallOutcome Outcome)> InstallAllFromFolder(string sourceFolder, CancellationToken cancellationToken = default)
        {
            Throw.IfNullOrEmpty(sourceFolder);
            if (!Directory.Exists(sourceFolder))
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{sourceFolder}: no such folder to install models from.", sourceFolder);
            var results = new List<(ModelEntry, InstallOutcome)>();
            foreach (var model in Manifest.Models)
            {
                if (File.Exists(Path.Combine(sourceFolder, model.FileName)))
                    results.Add((model, InstallFromFolder(model, sourceFolder, cancellationToken)));
            }

            return results;
        }

        /// <summary>Downloads a model from its https source at a pinned commit and verifies it.</summary>
        /// <param name="model">The model to install.</param>
        /// <param name="httpClient">The client to use; null creates one for this call.</param>
        /// <param name="progress">Told how many bytes have arrived, for a progress bar (the model's size is the total).</param>
        /// <param name="cancellationToken">Stops the download; nothing is left behind.</param>
        public async Task<InstallOutcome> InstallFromSourceAsync(ModelEntry model, HttpClient? httpClient = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
        {
            Throw.IfNull(model);
            if (model.Source == null)
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"Model '{model.Id}' has no public download; install it from a folder with --from.", model.FileName);
            if (model.Source.Scheme != Uri.UriSchemeHttps)
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"Model '{model.Id}': refusing to download over {model.Source.Scheme}; only https is allowed.", model.Source.ToString());
            if (Verify(model) == ModelFileState.Valid)
                return InstallOutcome.AlreadyInstalled;

            var ownsClient = httpClient == null;
            var client = httpClient ?? new HttpClient();
            try
            {
                // HttpClient never follows a redirect from https to http: such a redirect ends as a non-success
                // answer below, so a download cannot leave https.
                using var response = await client.GetAsync(model.Source, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                    throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{model.Source}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.", model.Source.ToString());
                using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                WriteVerified(model, body, model.Source.ToString(), cancellationToken, progress);
                return InstallOutcome.Installed;
            }
            catch (HttpRequestException ex)
            {
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{model.Source}: download failed ({ex.Message}).", model.Source.ToString(), ex);
            }
            finally
            {
                if (ownsClient)
                    client.Dispose();
            }
        }

        /// <summary>Writes to a temporary file in the models folder, checks size and hash, then renames into place.</summary>
        private void WriteVerified(ModelEntry model, Stream source, string origin, CancellationToken cancellationToken, IProgress<long>? progress = null)
        {
            var target = GetPath(model);
            try
            {
                Directory.CreateDirectory(Folder);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{Folder}: cannot create the models folder ({ex.Message}).", Folder, ex);
            }

            var temporary = FileMoves.TemporaryPathFor(target);
            try
            {
                string hash;
                long length;
                using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    hash = Sha256File.CopyAndHash(source, output, cancellationToken, progress);
                    length = output.Length;
                }

                if (length != model.SizeInBytes || !string.Equals(hash, model.Sha256, StringComparison.Ordinal))
                {
                    throw new AnimeGanException(
                        AnimeGanErrorCode.ModelHashMismatch,
                        $"{origin}: the file ({length} bytes, SHA-256 {hash}) does not match model '{model.Id}' ({model.SizeInBytes} bytes, SHA-256 {model.Sha256}); not installed.",
                        origin);
                }

                FileMoves.Replace(temporary, target);
                _verified.TryRemove(target, out _);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{target}: cannot write the model ({ex.Message}).", target, ex);
            }
            finally
            {
                FileMoves.TryDelete(temporary);
            }
        }

        /// <summary>A manifest and the variants-list stamp it was read at, swapped as one reference.</summary>
        private sealed class ManifestSnapshot
        {
            public ManifestSnapshot(ModelManifest manifest, FileStamp variants)
            {
                Manifest = manifest;
                Variants = variants;
            }

            public ModelManifest Manifest { get; }

            public FileStamp Variants { get; }
        }
    }
}
