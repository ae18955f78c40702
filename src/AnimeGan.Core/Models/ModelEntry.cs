namespace AnimeGan.Core.Models
{
    /// <summary>
    /// One model as the manifest describes it. Models are data: adding a style means adding an entry,
    /// never code, because everything about running it is read from the ONNX file itself.
    /// <see cref="ModelManifest"/> validates the values before it makes one.
    /// </summary>
    /// <param name="Id">The short id users type (<c>hayao</c>, <c>shinkai</c>, ...).</param>
    /// <param name="DisplayName">The name shown in menus and tables.</param>
    /// <param name="Family">The model family (AnimeGANv2, AnimeGANv3, RetinaFace, YuNet).</param>
    /// <param name="Kind">The role of the model.</param>
    /// <param name="FileName">The file name inside the models folder; never a path.</param>
    /// <param name="SizeInBytes">The expected file size, checked before hashing so a wrong file fails fast.</param>
    /// <param name="Sha256">The expected SHA-256 in lower-case hex; a file that differs is never loaded.</param>
    /// <param name="Licence">The licence text users must see before using the output.</param>
    /// <param name="Source">The https download address at a pinned commit, or null when the model installs only from a folder.</param>
    /// <param name="Layout">The tensor layout the manifest promises (NHWC or NCHW); checked against the file at load.</param>
    /// <param name="ElementType">The element type the manifest promises (float32 or float16); checked against the file at load.</param>
    /// <param name="Description">A sentence on what the style looks like.</param>
    public sealed record ModelEntry(
        string Id,
        string DisplayName,
        string Family,
        ModelKind Kind,
        string FileName,
        long SizeInBytes,
        string Sha256,
        string Licence,
        Uri? Source,
        string Layout,
        string ElementType,
        string Description)
    {
        /// <inheritdoc />
        public override string ToString() => Id;

        /// <summary>
        /// Gets whether this is an optimized variant (<c>hayao@int8</c>) made on this machine from an installed
        /// style: there is nothing to download or copy for it, and nothing to optimize further.
        /// </summary>
        public bool IsVariant => Id.IndexOf('@') >= 0;

        /// <summary>Gets the name with its family, said once: "Shinkai (AnimeGANv3)", "Hayao (AnimeGANv2)".</summary>
        public string Title => DisplayName.IndexOf(Family, StringComparison.Ordinal) >= 0 ? DisplayName : $"{DisplayName} ({Family})";

        /// <summary>The same model stored with another element type (its optimized graph is float32).</summary>
        internal ModelEntry WithElementType(string elementType) => this with { ElementType = elementType };
    }
}
