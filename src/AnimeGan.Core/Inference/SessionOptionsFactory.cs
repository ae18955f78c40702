using System;
using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Inference
{
    /// <summary>
    /// The ONNX Runtime settings every session uses. Full graph optimisation and one intra-op thread per
    /// core measured fastest for these convolution-only generators on CPU; see docs/performance.md.
    /// </summary>
    internal static class SessionOptionsFactory
    {
        public static SessionOptions Create(int intraOpThreads)
        {
            var options = new SessionOptions();
            try
            {
                options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
                options.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
                options.IntraOpNumThreads = intraOpThreads > 0 ? intraOpThreads : Environment.ProcessorCount;
                options.InterOpNumThreads = 1;

                // Probing sizes the model rejects is expected; keep those reports off the user's console.
                options.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
                return options;
            }
            catch
            {
                options.Dispose();
                throw;
            }
        }
    }
}
