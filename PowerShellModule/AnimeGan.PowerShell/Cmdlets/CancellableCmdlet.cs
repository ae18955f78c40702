using System.Management.Automation;

namespace AnimeGan.PowerShell.Cmdlets
{
    /// <summary>
    /// A cmdlet whose long work stops on Ctrl+C: the token is made in BeginProcessing, cancelled in
    /// StopProcessing and disposed in EndProcessing.
    /// </summary>
    public abstract class CancellableCmdlet : PSCmdlet
    {
        private CancellationTokenSource? _cancellation;

        /// <summary>Gets the token that Ctrl+C (StopProcessing) cancels.</summary>
        protected CancellationToken CancellationToken => _cancellation?.Token ?? CancellationToken.None;

        /// <inheritdoc />
        protected override void BeginProcessing() => _cancellation = new CancellationTokenSource();

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            _cancellation?.Dispose();
            _cancellation = null;
        }

        /// <inheritdoc />
        protected override void StopProcessing() => _cancellation?.Cancel();
    }
}
