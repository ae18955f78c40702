namespace AnimeGan.Core.Models
{
    /// <summary>What <see cref="ModelStore.Verify"/> found for one model.</summary>
    public enum ModelFileState
    {
        /// <summary>The file is present and its SHA-256 matches the manifest.</summary>
        Valid,

        /// <summary>No file of that name in the models folder.</summary>
        Missing,

        /// <summary>The file is there but its size or hash differs: it will not be loaded.</summary>
        Mismatch,
    }
}
