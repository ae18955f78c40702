namespace AnimeGan.Core.Inference
{
    /// <summary>
    /// What ONNX Runtime does with its CPU memory arena, the pool a model run takes its tensors from: the
    /// choice between speed on repeated runs and memory given back between them (measured in
    /// docs/performance.md).
    /// </summary>
    public enum MemoryArena
    {
        /// <summary>Kept between runs: the fastest for a batch, which runs one size after another; the memory stays with the process.</summary>
        Kept,

        /// <summary>
        /// Used during a run and shrunk at its end: a long-running server's choice, whose memory goes back to
        /// the system while it waits (a run takes a little longer, as it gets its blocks again).
        /// </summary>
        ShrunkAfterEachRun,

        /// <summary>No arena: every tensor from the system allocator, the least memory and the slowest.</summary>
        Off,
    }
}
