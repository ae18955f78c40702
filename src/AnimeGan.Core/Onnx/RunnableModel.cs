using AnimeGan.Core.Models;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// The file the engine runs for a style: its optimized graph when one could be made and checked, else the
    /// original, with the reason, so a slower run is never silent.
    /// </summary>
    public sealed class RunnableModel
    {
        internal RunnableModel(ModelEntry entry, string path, bool isOptimized, string note)
        {
            Entry = entry;
            Path = path;
            IsOptimized = isOptimized;
            Note = note;
        }

        /// <summary>Gets the entry describing the file that runs (its element type is the file's own).</summary>
        public ModelEntry Entry { get; }

        /// <summary>Gets the file to load.</summary>
        public string Path { get; }

        /// <summary>Gets whether the optimized graph runs.</summary>
        public bool IsOptimized { get; }

        /// <summary>Gets what was done to the graph, or why the original runs.</summary>
        public string Note { get; }
    }
}
