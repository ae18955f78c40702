using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using AnimeGan.PowerShell.Cmdlets;

namespace AnimeGan.PowerShell.Binding.Tests
{
    /// <summary>A PowerShell 7.6 runspace with Convert-ToAnime registered from its type, for binding tests.</summary>
    internal sealed class CmdletRunspace : IDisposable
    {
        private readonly Runspace _runspace;

        public CmdletRunspace()
        {
            var state = InitialSessionState.CreateDefault2();
            state.Commands.Add(new SessionStateCmdletEntry("Convert-ToAnime", typeof(ConvertToAnimeCommand), null));
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
        }

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
    }
}
