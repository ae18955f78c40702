using AnimeGan.Core.Onnx;

namespace AnimeGan.Core.Models
{
    /// <summary>
    /// Puts model files into a <see cref="ModelStore"/>: decides what a request means, copies from a folder or
    /// downloads from the pinned https source, and lets a file in only once its size and SHA-256 match the
    /// manifest, so a half-downloaded or tampered model is never loaded. Every front end installs through it and
    /// only presents the results.
    /// </summary>
    public sealed class ModelInstaller
    {
        /// <summary>The environment variable naming a download mirror for every front end (see <see cref="Mirror"/>).</summary>
        public const string MirrorVariable = "ANIMEGAN_DOWNLOAD_MIRROR";

        private readonly ModelStore _store;
        private readonly HttpClient? _httpClient;

        /// <summary>Creates an installer for a store.</summary>
        /// <param name="store">The models folder to install into.</param>
        /// <param name="httpClient">The client downloads use; null creates one per download.</param>
        public ModelInstaller(ModelStore store, HttpClient? httpClient = null)
        {
            _store = Throw.IfNull(store);
            _httpClient = httpClient;
            Mirror = Environment.GetEnvironmentVariable(MirrorVariable) is { Length: > 0 } mirror ? ParseMirror(mirror, MirrorVariable) : null;
        }

        /// <summary>
        /// Gets or sets a mirror every download comes from instead of its source: the mirror's address followed by
        /// the source's without its scheme (<c>https://github.com/a/b.onnx</c> from <c>http://mirror.local/models/</c>
        /// is <c>http://mirror.local/models/github.com/a/b.onnx</c>), for a proxy, a studio without internet, a build
        /// farm. The bytes are still checked against the manifest's SHA-256, so a mirror may be plain http. Defaults
        /// to <c>ANIMEGAN_DOWNLOAD_MIRROR</c>.
        /// </summary>
        public Uri? Mirror { get; init; }

        /// <summary>Reads a mirror's address as a user typed it.</summary>
        /// <param name="text">An absolute http or https address.</param>
        /// <param name="name">The option or variable it came from, for the message.</param>
        /// <exception cref="AnimeGanException"><see cref="AnimeGanErrorCode.InvalidOption"/>: not an http(s) address.</exception>
        public static Uri ParseMirror(string text, string name)
        {
            if (!Uri.TryCreate(Throw.IfNull(text).EndsWith("/", StringComparison.Ordinal) ? text : text + "/", UriKind.Absolute, out var mirror)
                || (mirror.Scheme != Uri.UriSchemeHttp && mirror.Scheme != Uri.UriSchemeHttps))
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"{name} '{text}' is not an http or https address.");
            return mirror;
        }

        /// <summary>Where a model is downloaded from: its source, or the same path on the mirror.</summary>
        public Uri DownloadAddress(ModelEntry model)
        {
            var source = Throw.IfNull(model).Source ?? throw new ArgumentException($"Model '{model.Id}' has no download.", nameof(model));
            return Mirror == null ? source : new Uri(Mirror, source.Host + source.PathAndQuery);
        }

        /// <summary>
        /// Decides which models a request means: the named ones (unknown ids refused with the known ones listed),
        /// with "all" every model that can come from where the request installs from, else the default style and
        /// face detector.
        /// </summary>
        /// <exception cref="AnimeGanException"><see cref="AnimeGanErrorCode.InstallFailed"/>: the request's folder does not exist.</exception>
        public ModelInstallPlan Plan(ModelInstallRequest request)
        {
            Throw.IfNull(request);
            var folder = request.FromFolder == null ? null : Path.GetFullPath(request.FromFolder);
            if (folder != null && !Directory.Exists(folder))
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{folder}: no such folder to install models from.", folder);

            var manifest = _store.Manifest;
            var refused = new List<AnimeGanException>();
            var noDownload = new List<ModelEntry>();
            List<ModelEntry> chosen;
            if (request.Ids.Count > 0)
            {
                chosen = new List<ModelEntry>();
                foreach (var id in request.Ids)
                {
                    if (string.IsNullOrWhiteSpace(id))
                    {
                        refused.Add(new AnimeGanException(AnimeGanErrorCode.UnknownModel, "An empty model id names no model; see the list of models for the ids."));
                        continue;
                    }

                    try
                    {
                        var model = manifest.Get(id);
                        if (!chosen.Contains(model))
                            chosen.Add(model);
                    }
                    catch (AnimeGanException ex) when (ex.Code == AnimeGanErrorCode.UnknownModel)
                    {
                        refused.Add(ex);
                    }
                }
            }
            else if (folder != null)
            {
                chosen = manifest.Models.Where(m => File.Exists(Path.Combine(folder, m.FileName))).ToList();
            }
            else if (request.All)
            {
                chosen = manifest.Models.Where(m => m.Source != null).ToList();
                noDownload.AddRange(manifest.Models.Where(m => m.Source == null));
            }
            else
            {
                chosen = manifest.Defaults.ToList();
            }

            var problem = chosen.Count == 0 && refused.Count == 0 && folder != null
                ? new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{folder}: no model file from the manifest is in this folder.", folder)
                : null;
            return new ModelInstallPlan(chosen, folder, refused, noDownload, problem) { DecidePrecision = request.DecidePrecision };
        }

        /// <summary>
        /// Installs a plan's models one after another, yielding each result as it lands so a front end can show
        /// it at once. A model that fails is reported and the next one is installed; cancelling stops between
        /// and within files, leaving nothing half-written.
        /// </summary>
        /// <param name="plan">What <see cref="Plan"/> decided.</param>
        /// <param name="confirm">Asked before each model (a cmdlet's ShouldProcess); a model it declines is left out of the results. Null installs all.</param>
        /// <param name="progress">Told how a download is coming along.</param>
        /// <param name="cancellationToken">Stops the install.</param>
        public IEnumerable<ModelInstallResult> Install(ModelInstallPlan plan, Func<ModelEntry, bool>? confirm = null, IProgress<ModelDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            Throw.IfNull(plan);
            var optimizedGraphs = new OptimizedGraphCache(_store);
            foreach (var model in plan.ToInstall)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (confirm != null && !confirm(model))
                    continue;
                var result = InstallOne(model, plan.FromFolder, optimizedGraphs, progress, cancellationToken);
                yield return plan.DecidePrecision && result.Outcome != InstallOutcome.Failed && model.Kind == ModelKind.Style && !model.IsVariant
                    ? DecidePrecision(result, progress, cancellationToken)
                    : result;
            }
        }

        private ModelInstallResult InstallOne(ModelEntry model, string? folder, OptimizedGraphCache optimizedGraphs, IProgress<ModelDownloadProgress>? progress, CancellationToken cancellationToken)
        {
            var path = _store.GetPath(model);
            try
            {
                if (model.IsVariant)
                    return new ModelInstallResult(model, MadeVariant(model), path, null, null);
                var outcome = folder != null
                    ? InstallFromFolder(model, folder, cancellationToken)
                    : InstallFromSourceAsync(model, progress == null ? null : new DownloadProgress(model, progress), cancellationToken).GetAwaiter().GetResult();
                var graphNote = model.Kind == ModelKind.Style ? optimizedGraphs.Resolve(model).Note : null;
                return new ModelInstallResult(model, outcome, path, graphNote, null);
            }
            catch (AnimeGanException ex)
            {
                return new ModelInstallResult(model, InstallOutcome.Failed, path, null, ex);
            }
        }

        /// <summary>
        /// Makes the style's INT8 graph and measures it against float on this processor, so its first conversion
        /// runs the faster one; a verdict that still holds costs nothing. A failure here leaves the style installed,
        /// running float.
        /// </summary>
        private ModelInstallResult DecidePrecision(ModelInstallResult installed, IProgress<ModelDownloadProgress>? progress, CancellationToken cancellationToken)
        {
            var model = installed.Model;
            try
            {
                var verdict = new ModelOptimizer(_store).DecidePrecision(
                    model.Id,
                    step => progress?.Report(new ModelDownloadProgress(model, model.SizeInBytes) { Step = step }),
                    cancellationToken);
                return installed with { Precision = verdict };
            }
            catch (AnimeGanException ex)
            {
                return installed with { PrecisionProblem = ex.Message };
            }
        }

        /// <summary>
        /// A variant is made, not installed: one made already counts as installed (so a list of every style piped
        /// into an install passes over it); one not made yet is refused with the way to make it.
        /// </summary>
        private InstallOutcome MadeVariant(ModelEntry variant)
        {
            if (_store.Verify(variant) == ModelFileState.Valid)
                return InstallOutcome.AlreadyInstalled;
            var baseId = variant.Id.Substring(0, variant.Id.IndexOf('@'));
            throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"'{variant.Id}' is an optimized variant made on this machine from '{baseId}', not a model to install; install '{baseId}' and optimize it.", variant.FileName) { ModelId = variant.Id };
        }

        /// <summary>Installs one model from a local folder (offline install).</summary>
        /// <param name="model">The model to install.</param>
        /// <param name="sourceFolder">A folder holding a file with the manifest's file name.</param>
        /// <param name="cancellationToken">Stops the copy; nothing is left behind.</param>
        /// <exception cref="AnimeGanException">No such file, or its hash differs: nothing is installed.</exception>
        public InstallOutcome InstallFromFolder(ModelEntry model, string sourceFolder, CancellationToken cancellationToken = default)
        {
            Throw.IfNull(model);
            Throw.IfNullOrEmpty(sourceFolder);
            var sourcePath = Path.Combine(Path.GetFullPath(sourceFolder), model.FileName);
            if (!File.Exists(sourcePath))
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{sourcePath}: no such file to install model '{model.Id}' from.", sourcePath) { ModelId = model.Id };
            if (_store.Verify(model) == ModelFileState.Valid)
                return InstallOutcome.AlreadyInstalled;

            using var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            WriteVerified(model, source, sourcePath, cancellationToken);
            return InstallOutcome.Installed;
        }

        /// <summary>Downloads one model from its https source at a pinned commit and verifies it.</summary>
        /// <param name="model">The model to install.</param>
        /// <param name="progress">Told how many bytes have arrived (the model's size is the total).</param>
        /// <param name="cancellationToken">Stops the download; nothing is left behind.</param>
        /// <exception cref="AnimeGanException">No https source, the server refused, or the bytes differ: nothing is installed.</exception>
        public async Task<InstallOutcome> InstallFromSourceAsync(ModelEntry model, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
        {
            Throw.IfNull(model);
            if (model.Source == null)
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"Model '{model.Id}' has no public download; it can be installed from a folder that holds {model.FileName}.", model.FileName) { ModelId = model.Id };
            if (model.Source.Scheme != Uri.UriSchemeHttps)
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"Model '{model.Id}': refusing to download over {model.Source.Scheme}; only https is allowed.", model.Source.ToString()) { ModelId = model.Id };
            if (_store.Verify(model) == ModelFileState.Valid)
                return InstallOutcome.AlreadyInstalled;

            progress?.Report(0);
            var address = DownloadAddress(model);
            var named = Mirror == null ? address.ToString() : $"{address} (the mirror's copy of {model.Source})";
            var client = _httpClient ?? new HttpClient();
            try
            {
                // HttpClient never follows a redirect from https to http: such a redirect ends as a non-success
                // answer below, so a download cannot leave https.
                using var response = await client.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                    throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{named}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.", address.ToString()) { ModelId = model.Id };
                using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                WriteVerified(model, body, address.ToString(), cancellationToken, progress);
                return InstallOutcome.Installed;
            }
            catch (HttpRequestException ex)
            {
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{named}: download failed ({ex.Message}).", address.ToString(), ex) { ModelId = model.Id };
            }
            finally
            {
                if (_httpClient == null)
                    client.Dispose();
            }
        }

        /// <summary>Writes to a temporary file in the models folder, checks size and hash, then renames into place.</summary>
        private void WriteVerified(ModelEntry model, Stream source, string origin, CancellationToken cancellationToken, IProgress<long>? progress = null)
        {
            var target = _store.GetPath(model);
            try
            {
                Directory.CreateDirectory(_store.Folder);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{_store.Folder}: cannot create the models folder ({ex.Message}). {WritableFolderHint}", _store.Folder, ex);
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
                _store.RememberVerified(target);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{_store.Folder}: this models folder cannot be written by you. {WritableFolderHint}", target, ex) { ModelId = model.Id };
            }
            catch (IOException ex)
            {
                throw new AnimeGanException(AnimeGanErrorCode.InstallFailed, $"{target}: cannot write the model ({ex.Message}).", target, ex) { ModelId = model.Id };
            }
            finally
            {
                FileMoves.TryDelete(temporary);
            }
        }

        /// <summary>Where to install instead, in words every front end's users follow (an install folder under Program Files, a shared one).</summary>
        private const string WritableFolderHint = "Install into a folder you can write: give one as the models folder (--models DIR, -ModelsPath), or set ANIMEGAN_MODELS.";

        /// <summary>Reports a download's bytes as the model's progress, on the reporting thread.</summary>
        private sealed class DownloadProgress : IProgress<long>
        {
            private readonly ModelEntry _model;
            private readonly IProgress<ModelDownloadProgress> _inner;

            public DownloadProgress(ModelEntry model, IProgress<ModelDownloadProgress> inner)
            {
                _model = model;
                _inner = inner;
            }

            public void Report(long value) => _inner.Report(new ModelDownloadProgress(_model, value));
        }
    }
}
