using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Inference
{
    /// <summary>
    /// The one way the engine runs an ONNX Runtime session. A model run takes seconds, so cancelling must
    /// stop it in progress (ONNX Runtime's terminate flag) rather than wait for it; a run ended that way
    /// surfaces as a cancellation carrying ONNX Runtime's own error, never as a model failure.
    /// </summary>
    internal static class CancellableRun
    {
        /// <summary>
        /// A test seam: raised with a run's token once that token is tied to ONNX Runtime's terminate flag,
        /// just before the run starts, so a test can cancel at exactly that point instead of after a delay.
        /// Nothing subscribes in normal use.
        /// </summary>
        internal static event Action<CancellationToken>? RunStarting;

        /// <summary>Runs the session; the caller owns (and disposes) the outputs.</summary>
        /// <param name="session">The session.</param>
        /// <param name="inputNames">Input names, in the order of <paramref name="inputs"/>.</param>
        /// <param name="inputs">Input values.</param>
        /// <param name="outputNames">The outputs wanted.</param>
        /// <param name="memoryArena">The session's arena: <see cref="MemoryArena.ShrunkAfterEachRun"/> gives back its free blocks when the run ends.</param>
        /// <param name="cancellationToken">Sets the terminate flag of the run when cancelled.</param>
        /// <param name="describeFailure">Turns any other ONNX Runtime error into the exception callers see.</param>
        /// <exception cref="OperationCanceledException">The token was cancelled, before or during the run.</exception>
        public static IDisposableReadOnlyCollection<OrtValue> Run(
            InferenceSession session,
            IReadOnlyCollection<string> inputNames,
            IReadOnlyCollection<OrtValue> inputs,
            IReadOnlyCollection<string> outputNames,
            MemoryArena memoryArena,
            CancellationToken cancellationToken,
            Func<OnnxRuntimeException, AnimeGanException> describeFailure)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Both stay alive until the run has returned: a RunOptions freed by the finalizer mid-run crashes
            // the process, and disposing the registration waits for a callback that is setting the flag.
            using var runOptions = new RunOptions();
            if (memoryArena == MemoryArena.ShrunkAfterEachRun)
                runOptions.AddRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
            using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
            RunStarting?.Invoke(cancellationToken);
            try
            {
                return session.Run(runOptions, inputNames, inputs, outputNames);
            }
            catch (OnnxRuntimeException ex) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The model run was stopped.", ex, cancellationToken);
            }
            catch (OnnxRuntimeException ex)
            {
                throw describeFailure(ex);
            }
        }
    }
}
