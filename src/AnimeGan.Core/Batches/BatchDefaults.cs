namespace AnimeGan.Core
{
    /// <summary>
    /// How batch front ends (CLI --jobs, PowerShell -ThrottleLimit) split the machine, from the batch
    /// measurement in docs/performance.md (`batch`): on 2 cores, one photo per core with one ONNX Runtime thread
    /// each converted a 20-photo folder faster than the serial loop; more in flight gained nothing and held more
    /// full-size photos in memory.
    /// </summary>
    public static class BatchDefaults
    {
        /// <summary>Gets the default number of photos converted at once: one per core.</summary>
        public static int Jobs => Environment.ProcessorCount;

        /// <summary>Gets the ONNX Runtime threads for each run when <paramref name="jobs"/> photos are in flight (0 means all cores).</summary>
        public static int ThreadsPerRun(int jobs) => jobs <= 1 ? 0 : Math.Max(1, Environment.ProcessorCount / jobs);
    }
}
