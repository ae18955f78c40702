using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Models;

namespace AnimeGan.PowerShell.Cmdlets
{
    /// <summary>Install-AnimeModel: downloads (https, pinned) or copies (-SourcePath) models, SHA-256 verified.</summary>
    [Cmdlet(VerbsLifecycle.Install, "AnimeModel", DefaultParameterSetName = NameSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.InstallAnimeModel)]
    [OutputType(typeof(AnimeModelInstallResult))]
    public sealed class InstallAnimeModelCommand : CancellableCmdlet
    {
        private const string NameSet = "Name";
        private const string AllSet = "All";
        /// <summary>Gets or sets the model ids to install.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(ModelCompleter))]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        /// <summary>Gets or sets whether to install every model in the manifest (with -SourcePath: every one found there).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        /// <summary>Gets or sets a local folder holding the model files (offline install).</summary>
        [Parameter]
        public string? SourcePath { get; set; }

        /// <summary>Gets or sets the models folder to install into.</summary>
        [Parameter]
        public string? ModelsPath { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var store = new ModelStore(ProviderPaths.FileSystemFolder(this, ModelsPath, nameof(ModelsPath)));
            var source = ProviderPaths.FileSystemFolder(this, SourcePath, nameof(SourcePath));
            if (source != null && !Directory.Exists(source))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new DirectoryNotFoundException($"-SourcePath '{SourcePath}': no such folder ({source})."),
                    "SourceFolderNotFound",
                    ErrorCategory.ObjectNotFound,
                    SourcePath));
            }

            IEnumerable<ModelEntry> models;
            if (All)
            {
                models = store.Manifest.Models.Where(m => source == null || File.Exists(Path.Combine(source, m.FileName))).ToList();
                if (!models.Any())
                    WriteError(new ErrorRecord(new FileNotFoundException($"{source}: no model file from the manifest is in this folder."), "NoModelFiles", ErrorCategory.ObjectNotFound, SourcePath));
            }
            else
            {
                var list = new List<ModelEntry>();
                foreach (var name in Name)
                {
                    try
                    {
                        list.Add(store.Manifest.Get(name));
                    }
                    catch (AnimeGanException ex)
                    {
                        WriteError(ErrorRecords.From(ex, name));
                    }
                }

                models = list;
            }

            foreach (var model in models)
            {
                if (!ShouldProcess(store.GetPath(model), $"Install model '{model.Id}' from {source ?? model.Source?.ToString() ?? "(no source)"}"))
                    continue;
                try
                {
                    var outcome = source != null
                        ? store.InstallFromFolder(model, source, CancellationToken)
                        : store.InstallFromSourceAsync(model, null, null, CancellationToken).GetAwaiter().GetResult();
                    WriteObject(new AnimeModelInstallResult(model.Id, outcome.ToString(), store.GetPath(model), model.Licence));
                }
                catch (AnimeGanException ex)
                {
                    WriteError(ErrorRecords.From(ex, model.Id));
                }
            }
        }
    }

    /// <summary>One installed model.</summary>
    public sealed class AnimeModelInstallResult
    {
        internal AnimeModelInstallResult(string id, string outcome, string path, string licence)
        {
            Id = id;
            Outcome = outcome;
            Path = path;
            Licence = licence;
        }

        /// <summary>Gets the model id.</summary>
        public string Id { get; }

        /// <summary>Gets Installed or AlreadyInstalled.</summary>
        public string Outcome { get; }

        /// <summary>Gets the installed file.</summary>
        public string Path { get; }

        /// <summary>Gets the model's licence.</summary>
        public string Licence { get; }
    }
}
