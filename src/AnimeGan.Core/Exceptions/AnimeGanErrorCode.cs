namespace AnimeGan.Core.Exceptions
{
    /// <summary>
    /// Stable reasons a conversion can fail. Front ends map them to their own vocabulary
    /// (CLI exit codes, PowerShell error categories, Paint.NET messages) without parsing text.
    /// </summary>
    public enum AnimeGanErrorCode
    {
        /// <summary>The input file does not exist or cannot be opened.</summary>
        InputNotFound,

        /// <summary>The input is not one of the raster formats the engine reads.</summary>
        UnsupportedFormat,

        /// <summary>The input claims a supported format but cannot be decoded.</summary>
        CorruptImage,

        /// <summary>The input's dimensions exceed the resource limits.</summary>
        ImageTooLarge,

        /// <summary>The output exists and overwriting was not asked for.</summary>
        OutputExists,

        /// <summary>The output path names the input itself.</summary>
        OutputIsInput,

        /// <summary>The output could not be written (permissions, disk, encoder).</summary>
        WriteFailed,

        /// <summary>No model with that id exists in the manifest.</summary>
        UnknownModel,

        /// <summary>The model is in the manifest but not installed in the models folder.</summary>
        ModelNotInstalled,

        /// <summary>The model file's SHA-256 differs from the manifest.</summary>
        ModelHashMismatch,

        /// <summary>ONNX Runtime could not load the model file.</summary>
        ModelLoadFailed,

        /// <summary>The model loads but its tensors are not those of an image-to-image generator.</summary>
        ModelContractUnsupported,

        /// <summary>ONNX Runtime failed while running the model.</summary>
        InferenceFailed,

        /// <summary>The model manifest is malformed or names an unsafe file.</summary>
        ManifestInvalid,

        /// <summary>A model download or copy failed.</summary>
        InstallFailed,

        /// <summary>An option has a value outside its range.</summary>
        InvalidOption,

        /// <summary>Two inputs of one batch would write the same output file; the later one is skipped.</summary>
        DuplicateOutput,

        /// <summary>ImageMagick failed on pixels already in memory (resampling), for a reason other than size.</summary>
        ProcessingFailed,

        /// <summary>A program the work needs (ffmpeg, for videos) is not installed; the message says how to install it.</summary>
        ToolMissing,
    }
}
