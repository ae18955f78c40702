using System;

namespace AnimeGan.Core.Models
{
    /// <summary>
    /// One model as the manifest describes it. Models are data: adding a style means adding an entry,
    /// never code, because everything about running it is read from the ONNX file itself.
    /// </summary>
    public sealed class ModelEntry
    {
        /// <summary>Creates an entry; <see cref="ModelManifest"/> validates the values before it calls this.</summary>
        public ModelEntry(
            string id,
            string displayName,
            string family,
            ModelKind kind,
            string fileName,
            long sizeInBytes,
            string sha256,
            string licence,
            Uri? source,
            string layout,
            string elementType,
            string description)
        {
            Id = id;
            DisplayName = displayName;
            Family = family;
            Kind = kind;
            FileName = fileName;
            SizeInBytes = sizeInBytes;
            Sha256 = sha256;
            Licence = licence;
            Source = source;
            Layout = layout;
            ElementType = elementType;
            Description = description;
        }

        /// <summary>Gets the short id users type (<c>hayao</c>, <c>shinkai</c>, ...).</summary>
        public string Id { get; }

        /// <summary>Gets the name shown in menus and tables.</summary>
        public string DisplayName { get; }

        /// <summary>Gets the model family (AnimeGANv2, AnimeGANv3, RetinaFace, YuNet).</summary>
        public string Family { get; }

        /// <summary>Gets the role of the model.</summary>
        public ModelKind Kind { get; }

        /// <summary>Gets the file name inside the models folder; never a path.</summary>
        public string FileName { get; }

        /// <summary>Gets the expected file size, checked before hashing so a wrong file fails fast.</summary>
        public long SizeInBytes { get; }

        /// <summary>Gets the expected SHA-256 in lower-case hex; a file that differs is never loaded.</summary>
        public string Sha256 { get; }

        /// <summary>Gets the licence text users must see before using the output.</summary>
        public string Licence { get; }

        /// <summary>Gets the https download address at a pinned commit, or null when the model installs only from a folder.</summary>
        public Uri? Source { get; }

        /// <summary>Gets the tensor layout the manifest promises (NHWC or NCHW); checked against the file at load.</summary>
        public string Layout { get; }

        /// <summary>Gets the element type the manifest promises (float32 or float16); checked against the file at load.</summary>
        public string ElementType { get; }

        /// <summary>Gets a sentence on what the style looks like.</summary>
        public string Description { get; }

        /// <inheritdoc />
        public override string ToString() => Id;

        /// <summary>The same model stored with another element type (its optimized graph is float32).</summary>
        internal ModelEntry WithElementType(string elementType)
            => new ModelEntry(Id, DisplayName, Family, Kind, FileName, SizeInBytes, Sha256, Licence, Source, Layout, elementType, Description);
    }
}
