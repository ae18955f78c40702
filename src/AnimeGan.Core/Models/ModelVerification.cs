using System.Collections.Concurrent;

namespace AnimeGan.Core.Models
{
    /// <summary>
    /// Hash checks of installed model files, remembered per file version so a long-lived engine hashes a model
    /// once, yet a file replaced or damaged after install is checked again before it is run.
    /// </summary>
    internal sealed class ModelVerification
    {
        private readonly ConcurrentDictionary<string, FileStamp> _verified = new ConcurrentDictionary<string, FileStamp>(StringComparer.Ordinal);

        public ModelFileState Verify(ModelEntry model, string path)
        {
            var file = new FileInfo(path);
            if (!file.Exists)
                return ModelFileState.Missing;
            if (file.Length != model.SizeInBytes)
                return ModelFileState.Mismatch;
            return string.Equals(Sha256File.Compute(path), model.Sha256, StringComparison.Ordinal)
                ? ModelFileState.Valid
                : ModelFileState.Mismatch;
        }

        /// <exception cref="AnimeGanException"><see cref="AnimeGanErrorCode.ModelHashMismatch"/>, naming the model.</exception>
        public string RequireValid(ModelEntry model, string path)
        {
            var stamp = FileStamp.Of(path);
            if (_verified.TryGetValue(path, out var known) && known.Equals(stamp))
                return path;
            if (Verify(model, path) != ModelFileState.Valid)
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

        public void Forget(string path) => _verified.TryRemove(path, out _);
    }
}
