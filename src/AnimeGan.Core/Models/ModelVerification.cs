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

        /// <summary>Hashes the file; a match is remembered for this version of the file.</summary>
        public ModelFileState Verify(ModelEntry model, string path)
        {
            // Stamp first: a write landing while the file is hashed makes the next check hash it again.
            var stamp = FileStamp.Of(path);
            var file = new FileInfo(path);
            if (!file.Exists)
                return ModelFileState.Missing;
            if (file.Length != model.SizeInBytes || !string.Equals(Sha256File.Compute(path), model.Sha256, StringComparison.Ordinal))
                return ModelFileState.Mismatch;
            _verified[path] = stamp;
            return ModelFileState.Valid;
        }

        /// <exception cref="AnimeGanException"><see cref="AnimeGanErrorCode.ModelHashMismatch"/>, naming the model.</exception>
        public string RequireValid(ModelEntry model, string path)
        {
            if (_verified.TryGetValue(path, out var known) && known.Equals(FileStamp.Of(path)))
                return path;
            if (Verify(model, path) != ModelFileState.Valid)
            {
                throw new AnimeGanException(
                    AnimeGanErrorCode.ModelHashMismatch,
                    $"{path}: the file does not match the SHA-256 of model '{model.Id}' in the manifest.",
                    path)
                {
                    ModelId = model.Id,
                };
            }

            return path;
        }

        /// <summary>Remembers a file the installer has just hashed while writing it, so it is not hashed again at first load.</summary>
        public void Remember(string path) => _verified[path] = FileStamp.Of(path);
    }
}
