using System.Management.Automation;
using AnimeGan.Core.Batches;

namespace AnimeGan.PowerShell
{
    /// <summary>
    /// Shows a batch in Write-Progress: the photo under way and its stage from the start, not only after the
    /// first photo finishes. The engine reports on the pipeline thread, so WriteProgress is called directly.
    /// Each batch takes its own activity id, so a script's own <c>Write-Progress -Id 1</c> is left alone.
    /// The bar only moves forward: a video's frames fill its share, and its "writing" step keeps that share
    /// rather than starting it again.
    /// </summary>
    internal sealed class BatchProgressView : IProgress<BatchProgress>
    {
        private const string Activity = "Converting to anime";
        private static int _lastActivityId = 0x4147_0000;

        private readonly Cmdlet _cmdlet;
        private readonly int _activityId = Interlocked.Increment(ref _lastActivityId);
        private readonly int _total;
        private readonly Dictionary<string, double> _fractions = new Dictionary<string, double>();
        private int _completed;
        private int _percent;
        private bool _shown;

        public BatchProgressView(Cmdlet cmdlet, int total)
        {
            _cmdlet = cmdlet;
            _total = total;
        }

        public void Report(BatchProgress value)
        {
            _fractions.TryGetValue(value.InputPath, out var within);
            if (value.Frames > 0)
                within = Math.Max(within, (double)value.Frame / value.Frames);
            _fractions[value.InputPath] = within;
            Show($"{Path.GetFileName(value.InputPath)}: {value.Step} ({_completed} of {_total} done)", (int)((_completed + within) * 100 / _total));
        }

        /// <summary>Counts a photo as done.</summary>
        public void Done(BatchOutcome outcome)
        {
            _completed++;
            _fractions.Remove(outcome.InputPath);
            Show($"{_completed} of {_total} done: {Path.GetFileName(outcome.InputPath)}", _completed * 100 / _total);
        }

        /// <summary>Removes the progress bar.</summary>
        public void Complete()
        {
            if (_shown)
                _cmdlet.WriteProgress(new ProgressRecord(_activityId, Activity, "Done") { RecordType = ProgressRecordType.Completed, PercentComplete = 100 });
        }

        private void Show(string status, int percent)
        {
            _shown = true;
            _percent = Math.Min(100, Math.Max(_percent, percent));
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, Activity, status) { PercentComplete = _percent });
        }
    }
}
