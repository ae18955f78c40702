using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// The moving parts of one running batch. Workers take photos in order and stage each output (a complete
    /// temporary file); the consumer's thread takes events one by one, reports progress and commits outputs.
    /// A worker may start a photo only while it holds one of <c>jobs</c> slots, and a slot comes back when the
    /// consumer receives that photo's outcome: at most <c>jobs</c> photos are ever running, and a consumer that
    /// stops taking stops the batch. In input order, a photo that finished before an earlier one waits as its
    /// staged file until the earlier one is taken, while the workers go on with the next photos.
    /// </summary>
    internal sealed class BatchRun : IDisposable
    {
        private readonly AnimeGanEngine _engine;
        private readonly IReadOnlyList<PlannedConversion> _work;
        private readonly StylizeOptions? _stylize;
        private readonly OutputOptions? _output;
        private readonly CancellationTokenSource _stop;
        private readonly BlockingCollection<RunEvent> _events = new BlockingCollection<RunEvent>();
        private readonly SemaphoreSlim _slots;
        private readonly Task[] _workers;
        private readonly bool _inInputOrder;
        private readonly Dictionary<int, RunEvent> _waiting = new Dictionary<int, RunEvent>();
        private int _nextInOrder;
        private int _next = -1;
        private int _workersLeft;
        private int _completed;

        public BatchRun(AnimeGanEngine engine, IReadOnlyList<PlannedConversion> work, BatchOptions options, CancellationToken cancellationToken)
        {
            _engine = engine;
            _work = work;
            _stylize = options.Stylize;
            _output = options.Output;
            _inInputOrder = !options.InCompletionOrder;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var jobs = Math.Min(options.Jobs ?? BatchDefaults.Jobs, work.Count);
            _slots = new SemaphoreSlim(jobs);
            _workersLeft = jobs;
            _workers = Enumerable.Range(0, jobs)
                .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .ToArray();
        }

        /// <summary>Waits for the next outcome, reporting progress on this thread meanwhile.</summary>
        /// <returns>False when every worker has ended (all done, or stopped).</returns>
        public bool TryTake(IProgress<BatchProgress>? progress, out BatchOutcome outcome)
        {
            if (TryTakeWaiting(out outcome))
                return true;
            foreach (var next in _events.GetConsumingEnumerable())
            {
                if (next.Stage is ConversionStage stage)
                {
                    progress?.Report(new BatchProgress(next.Item.InputPath, stage, _completed, _work.Count) { Frame = next.Frame, Frames = next.Frames });
                    continue;
                }

                if (next.Fault != null)
                {
                    _stop.Cancel();
                    ExceptionDispatchInfo.Capture(next.Fault).Throw();
                }

                _slots.Release();
                if (_stop.IsCancellationRequested)
                {
                    next.Staged?.Output.Dispose();
                    continue;
                }

                if (_inInputOrder)
                {
                    _waiting[next.Index] = next;
                    if (TryTakeWaiting(out outcome))
                        return true;
                    continue;
                }

                _completed++;
                outcome = Commit(next);
                return true;
            }

            outcome = null!;
            return false;
        }

        /// <summary>Takes the next photo in input order if it has finished.</summary>
        private bool TryTakeWaiting(out BatchOutcome outcome)
        {
            outcome = null!;
            if (_stop.IsCancellationRequested || !_waiting.TryGetValue(_nextInOrder, out var ready))
                return false;
            _waiting.Remove(_nextInOrder);
            _nextInOrder++;
            _completed++;
            outcome = Commit(ready);
            return true;
        }

        /// <summary>Stops what is still running, waits for every worker, and removes outputs nobody took.</summary>
        public void Dispose()
        {
            _stop.Cancel();
            try
            {
                Task.WaitAll(_workers);
            }
            catch (AggregateException)
            {
                // Workers report their failures as events; nothing escapes them but a bug already reported.
            }

            while (_events.TryTake(out var left))
                left.Staged?.Output.Dispose();
            foreach (var waiting in _waiting.Values)
                waiting.Staged?.Output.Dispose();
            _waiting.Clear();
            _events.Dispose();
            _slots.Dispose();
            _stop.Dispose();
        }

        private static BatchOutcome Commit(RunEvent finished)
        {
            var item = finished.Item;
            if (finished.Staged is not (ConversionResult result, StagedFile output))
                return new BatchOutcome(item.InputPath, item.OutputPath, null, finished.Error);
            using (output)
            {
                try
                {
                    output.Commit();
                    return new BatchOutcome(item.InputPath, item.OutputPath, result, null);
                }
                catch (AnimeGanException ex)
                {
                    return new BatchOutcome(item.InputPath, item.OutputPath, null, ex);
                }
            }
        }

        private void Work()
        {
            try
            {
                while (TryStartNext(out var index, out var item))
                {
                    try
                    {
                        var staged = _engine.Stage(
                            item.InputPath,
                            item.OutputPath,
                            _stylize,
                            _output,
                            stage => _events.Add(new RunEvent(index, item) { Stage = stage }),
                            (frame, frames) => _events.Add(new RunEvent(index, item) { Stage = ConversionStage.Stylizing, Frame = frame, Frames = frames }),
                            _stop.Token);
                        _events.Add(new RunEvent(index, item) { Staged = staged });
                    }
                    catch (Exception ex) when (_stop.IsCancellationRequested && (ex is OperationCanceledException || ex is AnimeGanException))
                    {
                        _slots.Release();
                        return;
                    }
                    catch (AnimeGanException ex)
                    {
                        _events.Add(new RunEvent(index, item) { Error = ex });
                    }
                    catch (Exception ex)
                    {
                        _events.Add(new RunEvent(index, item) { Fault = ex });
                        return;
                    }
                }
            }
            finally
            {
                if (Interlocked.Decrement(ref _workersLeft) == 0)
                    _events.CompleteAdding();
            }
        }

        private bool TryStartNext(out int index, out PlannedConversion item)
        {
            item = null!;
            index = -1;
            try
            {
                _slots.Wait(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            index = Interlocked.Increment(ref _next);
            if (index >= _work.Count || _stop.IsCancellationRequested)
            {
                _slots.Release();
                return false;
            }

            item = _work[index];
            return true;
        }

        /// <summary>One thing a worker tells the consumer: a stage entered, a staged result, a failure, or a bug.</summary>
        private sealed class RunEvent
        {
            public RunEvent(int index, PlannedConversion item)
            {
                Index = index;
                Item = item;
            }

            /// <summary>Gets the photo's place in the batch's input order.</summary>
            public int Index { get; }

            public PlannedConversion Item { get; }

            public ConversionStage? Stage { get; init; }

            public int Frame { get; init; }

            public int Frames { get; init; }

            public (ConversionResult Result, StagedFile Output)? Staged { get; init; }

            public AnimeGanException? Error { get; init; }

            public Exception? Fault { get; init; }
        }
    }
}
