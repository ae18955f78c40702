namespace AnimeGan.Core.IO
{
    /// <summary>
    /// A complete output waiting in a hidden temporary file beside its target. <see cref="Commit"/> renames it
    /// into place (the reader sees the old file or the new one, never half of one); disposing an uncommitted
    /// one removes the temporary file, so a stopped or failed conversion leaves nothing behind.
    /// </summary>
    internal sealed class StagedFile : IDisposable
    {
        private bool _committed;

        public StagedFile(string target, bool overwrite)
        {
            Target = target;
            Overwrite = overwrite;
            TemporaryPath = FileMoves.TemporaryPathFor(target);
        }

        /// <summary>Gets the full path the file is meant for.</summary>
        public string Target { get; }

        /// <summary>Gets the hidden temporary file that holds the bytes until the commit.</summary>
        public string TemporaryPath { get; }

        /// <summary>Gets whether an existing target may be replaced.</summary>
        public bool Overwrite { get; }

        /// <summary>Renames the temporary file to the target; without overwrite, a target that appeared meanwhile is kept.</summary>
        /// <exception cref="AnimeGanException">The target exists (without overwrite), or the rename failed.</exception>
        public void Commit()
        {
            try
            {
                if (Overwrite)
                    FileMoves.Replace(TemporaryPath, Target);
                else
                    FileMoves.MoveNew(TemporaryPath, Target);
                _committed = true;
            }
            catch (IOException) when (!Overwrite && File.Exists(Target))
            {
                throw new AnimeGanException(AnimeGanErrorCode.OutputExists, $"{Target}: already exists (written by something else meanwhile); not replaced.", Target);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw WriteFailed(ex);
            }
            finally
            {
                if (!_committed)
                    FileMoves.TryDelete(TemporaryPath);
            }
        }

        /// <summary>The error for an existing target that may not be replaced.</summary>
        public static AnimeGanException Exists(string target)
            => new AnimeGanException(AnimeGanErrorCode.OutputExists, $"{target}: already exists; not replaced.", target);

        /// <summary>A write failure worded with the target's name: the temporary file is a name the user never chose.</summary>
        public AnimeGanException WriteFailed(Exception cause)
        {
            var folder = Path.GetDirectoryName(Target);
            var reason = cause is UnauthorizedAccessException
                ? $"no permission to write in {folder}"
                : ErrorText.FirstLine(cause.Message).Replace(TemporaryPath, Target);
            return new AnimeGanException(AnimeGanErrorCode.WriteFailed, $"{Target}: cannot write ({reason}).", Target, cause);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (!_committed)
                FileMoves.TryDelete(TemporaryPath);
        }
    }
}
