namespace AnimeGan.Core.Models
{
    /// <summary>How far one model's download has come: 0 bytes when it starts, its size when it ends, for a progress bar.</summary>
    /// <param name="Model">The model being downloaded.</param>
    /// <param name="BytesArrived">The bytes that have arrived so far.</param>
    public sealed record ModelDownloadProgress(ModelEntry Model, long BytesArrived)
    {
        /// <summary>
        /// Gets the step after the file arrived, in a few words ("making its INT8 graph"), or null while it downloads:
        /// an install that then works half a minute on a style says so instead of looking stuck.
        /// </summary>
        public string? Step { get; init; }
    }
}
