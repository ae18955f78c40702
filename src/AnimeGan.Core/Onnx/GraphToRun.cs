namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// The file the engine runs for a style: its optimized graph when one could be made and checked, else the
    /// original, with the reason, so a slower run is never silent.
    /// </summary>
    /// <param name="Entry">The entry describing the file that runs (its element type is the file's own).</param>
    /// <param name="Path">The file to load.</param>
    /// <param name="IsOptimized">Whether the optimized graph runs.</param>
    /// <param name="Note">What was done to the graph, or why the original runs.</param>
    public sealed record GraphToRun(ModelEntry Entry, string Path, bool IsOptimized, string Note);
}
