using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using AnimeGan.Core.Batches;
using AnimeGan.PowerShell.Cmdlets;

namespace AnimeGan.PowerShell.Binding.Tests
{
    /// <summary>
    /// A PowerShell 7.6 runspace with Convert-ToAnime registered as a recorder: the real cmdlet, whose batch is
    /// recorded in this runspace's <see cref="Requests"/> instead of run.
    /// </summary>
    internal sealed class CmdletRunspace : IDisposable
    {
        private const string RequestsVariable = "AnimeGanRecordedRequests";
        private readonly Runspace _runspace;

        public CmdletRunspace()
        {
            var state = InitialSessionState.CreateDefault2();
            state.Commands.Add(new SessionStateCmdletEntry("Convert-ToAnime", typeof(RecordingConvertToAnime), null));
            state.Variables.Add(new SessionStateVariableEntry(RequestsVariable, Requests, "what Convert-ToAnime was asked to run"));
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
        }

        /// <summary>Gets the batches the cmdlet planned and handed to the engine, in order.</summary>
        public List<ConvertRequest> Requests { get; } = new List<ConvertRequest>();

        /// <summary>Runs a script; returns its output and errors.</summary>
        public (Collection<PSObject> Output, ErrorRecord[] Errors) Run(string script)
        {
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            var output = shell.Invoke();
            return (output, shell.Streams.Error.ToArray());
        }

        public void Dispose() => _runspace.Dispose();

        /// <summary>Convert-ToAnime with its batch recorded in the runspace rather than run (PowerShell reads the cmdlet attribute of the registered type only).</summary>
        [Cmdlet(VerbsData.Convert, "ToAnime", DefaultParameterSetName = "Path", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
        internal sealed class RecordingConvertToAnime : ConvertToAnimeCommand
        {
            internal override IEnumerable<BatchOutcome> Run(ConvertRequest request)
            {
                ((List<ConvertRequest>)SessionState.PSVariable.GetValue(RequestsVariable)).Add(request);
                return Array.Empty<BatchOutcome>();
            }
        }
    }
}
