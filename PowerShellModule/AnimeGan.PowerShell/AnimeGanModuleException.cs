namespace AnimeGan.PowerShell
{
    /// <summary>
    /// What the module's errors carry, so a script can catch them by type:
    /// <c>catch [AnimeGan.PowerShell.AnimeGanModuleException] { $_.Exception.ErrorCode }</c>. The engine itself
    /// loads in the module's private load context, where PowerShell's type names cannot reach it; this type
    /// lives in the module assembly, which PowerShell loads like any other. <see cref="ErrorCode"/> is also the
    /// first part of each error's FullyQualifiedErrorId.
    /// </summary>
    public sealed class AnimeGanModuleException : Exception
    {
        /// <summary>Creates an error with no details.</summary>
        public AnimeGanModuleException()
            : this("The AnimeGan module failed.")
        {
        }

        /// <summary>Creates an error with a message.</summary>
        public AnimeGanModuleException(string message)
            : this(message, null)
        {
        }

        /// <summary>Creates an error with a message and what caused it.</summary>
        public AnimeGanModuleException(string message, Exception? innerException)
            : this(message, "ProcessingFailed", null, null, innerException)
        {
        }

        internal AnimeGanModuleException(string message, string errorCode, string? path, string? modelId, Exception? innerException)
            : base(message, innerException)
        {
            ErrorCode = errorCode;
            Path = path;
            ModelId = modelId;
        }

        /// <summary>Gets what went wrong as a stable word to branch on (CorruptImage, OutputExists, ModelNotInstalled ...).</summary>
        public string ErrorCode { get; }

        /// <summary>Gets the file the error is about, when there is one.</summary>
        public string? Path { get; }

        /// <summary>Gets the model the error is about (a style to install, a damaged model), when there is one.</summary>
        public string? ModelId { get; }
    }
}
