namespace AnimeGan.Core.Models
{
    /// <summary>How far one model's download has come: 0 bytes when it starts, its size when it ends, for a progress bar.</summary>
    /// <param name="Model">The model being downloaded.</param>
    /// <param name="BytesArrived">The bytes that have arrived so far.</param>
    public sealed record ModelDownloadProgress(ModelEntry Model, long BytesArrived);
}
