using AnimeGan.Core.Inference;

namespace AnimeGan.Tests
{
    /// <summary>
    /// A token cancelled at a known point: the moment a model run given this token is about to start, with
    /// ONNX Runtime's terminate flag already tied to it. No delay, so it cannot fire too early or too late.
    /// </summary>
    internal sealed class CancelAtModelRun : IDisposable
    {
        private readonly CancellationTokenSource _source = new CancellationTokenSource();

        public CancelAtModelRun() => CancellableRun.RunStarting += OnRunStarting;

        public CancellationToken Token => _source.Token;

        /// <summary>Gets whether a model run with this token reached its start.</summary>
        public bool Reached { get; private set; }

        public void Dispose()
        {
            CancellableRun.RunStarting -= OnRunStarting;
            _source.Dispose();
        }

        private void OnRunStarting(CancellationToken token)
        {
            if (token != _source.Token)
                return;
            Reached = true;
            _source.Cancel();
        }
    }
}

namespace AnimeGan.Tests
{
    /// <summary>
    /// Counts the model runs started with its token, as seen by the engine itself: a test passes the token to
    /// the code under test and learns how often the model really ran, without a counter in that code.
    /// </summary>
    internal sealed class ModelRunCounter : System.IDisposable
    {
        private readonly System.Threading.CancellationTokenSource _source = new System.Threading.CancellationTokenSource();
        private int _runs;

        public ModelRunCounter() => AnimeGan.Core.Inference.CancellableRun.RunStarting += OnRunStarting;

        public System.Threading.CancellationToken Token => _source.Token;

        public int Runs => System.Threading.Volatile.Read(ref _runs);

        public void Dispose()
        {
            AnimeGan.Core.Inference.CancellableRun.RunStarting -= OnRunStarting;
            _source.Dispose();
        }

        private void OnRunStarting(System.Threading.CancellationToken token)
        {
            if (token == _source.Token)
                System.Threading.Interlocked.Increment(ref _runs);
        }
    }
}
