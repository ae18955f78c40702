namespace AnimeGan.Core.Exceptions
{
    /// <summary>
    /// The one exception type the engine lets out. Every ONNX Runtime, Magick.NET and file-system
    /// failure is translated into it in one place, so callers can report "file: reason" cleanly
    /// and decide from <see cref="Code"/> whether the rest of a batch can go on.
    /// </summary>
    public sealed class AnimeGanException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="code">The stable reason.</param>
        /// <param name="message">A sentence a user can act on; it names no internal type.</param>
        /// <param name="path">The file the failure is about, when there is one.</param>
        /// <param name="innerException">The library failure behind it, kept for diagnostics.</param>
        public AnimeGanException(AnimeGanErrorCode code, string message, string? path = null, Exception? innerException = null)
            : base(message, innerException)
        {
            Code = code;
            Path = path;
        }

        /// <summary>Gets the stable reason, for mapping to exit codes or error categories.</summary>
        public AnimeGanErrorCode Code { get; }

        /// <summary>Gets the file the failure is about, or null.</summary>
        public string? Path { get; }

        /// <summary>
        /// Gets the model the failure is about (an unknown, missing or damaged model), or null, so each front
        /// end can word the fix in its own terms (a command line, a cmdlet, a dialog).
        /// </summary>
        public string? ModelId { get; init; }

        /// <summary>
        /// Gets whether the photo itself is at fault (damaged, not an image the engine reads, too large, gone): no
        /// retry converts it, so a batch that must finish (a Job's shard) can count it done and report it, while a
        /// failure of the run (a model, the disk, an option) still fails the batch.
        /// </summary>
        public bool IsThePhotosFault => Code is AnimeGanErrorCode.InputNotFound or AnimeGanErrorCode.UnsupportedFormat or AnimeGanErrorCode.CorruptImage or AnimeGanErrorCode.ImageTooLarge;
    }
}
