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

        /// <summary>
        /// Gets or sets whether to skip making and measuring each style's INT8 graph (about 30 s a style): the styles
        /// then run float. For a folder prepared for another processor, or conversions that must match float.
        /// </summary>
        [Parameter]
        public SwitchParameter SkipInt8 { get; set; }

        /// <summary>
        /// Gets or sets a mirror to download from instead of each model's source: its address followed by the
        /// source's without the scheme (default: $env:ANIMEGAN_DOWNLOAD_MIRROR). Still SHA-256 checked.
        /// </summary>
        [Parameter]
        public string? Mirror { get; set; }

        /// <summary>Gets or sets the models folder to install into.</summary>
        [Parameter]
        public string? ModelsPath { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var store = new ModelStore(ProviderPaths.FileSystemFolder(this, ModelsPath, nameof(ModelsPath)));
            ModelInstaller installer;
            try
            {
                installer = Mirror == null ? new ModelInstaller(store) : new ModelInstaller(store) { Mirror = ModelInstaller.ParseMirror(Mirror, "-Mirror") };
            }
            catch (AnimeGanException ex)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(ex.Message), "InvalidMirror", ErrorCategory.InvalidArgument, Mirror));
                return;
            }

            ModelInstallPlan plan;
            try
            {
                plan = installer.Plan(new ModelInstallRequest(All ? System.Array.Empty<string>() : Name, All, ProviderPaths.FileSystemFolder(this, SourcePath, nameof(SourcePath))) { DecidePrecision = !SkipInt8 });
            }
            catch (AnimeGanException ex)
            {
                ThrowTerminatingError(new ErrorRecord(new DirectoryNotFoundException($"-SourcePath '{SourcePath}': {ex.Message}"), "SourceFolderNotFound", ErrorCategory.ObjectNotFound, SourcePath));
                return;
            }

            foreach (var refusal in plan.Refused)
                WriteError(ErrorRecords.From(refusal, refusal.ModelId));
            if (plan.Problem != null)
                WriteError(new ErrorRecord(new FileNotFoundException(plan.Problem.Message), "NoModelFiles", ErrorCategory.ObjectNotFound, SourcePath));
            foreach (var model in plan.NoPublicDownload)
                WriteWarning($"{model.Id} has no public download; install it with -SourcePath and a folder that holds {model.FileName}.");

            var results = installer.Install(
                plan,
                model => ShouldProcess(store.GetPath(model), $"Install model '{model.Id}' from {plan.FromFolder ?? model.Source?.ToString() ?? "(no source)"}"),
                new StepProgress(this),
                CancellationToken);
            foreach (var result in results)
            {
                WriteProgress(new ProgressRecord(StepProgress.ActivityId, "Install-AnimeModel", "done") { RecordType = ProgressRecordType.Completed });
                if (result.PrecisionProblem != null)
                    WriteWarning($"{result.Model.Id} runs float: its INT8 graph could not be made ({result.PrecisionProblem}).");
                if (result.Error != null)
                {
                    var record = ErrorRecords.From(result.Error, result.Model.Id);
                    if (plan.FromFolder == null && result.Error.InnerException is System.Net.Http.HttpRequestException)
                        record.ErrorDetails = new ErrorDetails(result.Error.Message) { RecommendedAction = "Without a network, install from a folder that holds the model files (a release archive's models folder, or files copied from another machine): Install-AnimeModel <names> -SourcePath <folder>. Behind a proxy or with your own copy of the models: -Mirror <url> or $env:ANIMEGAN_DOWNLOAD_MIRROR." };
                    WriteError(record);
                }
                else
                    WriteObject(new AnimeModelInstallResult(result.Model.Id, result.Outcome.ToString(), result.Path, result.Model.Licence, result.GraphNote, result.Precision?.Reason ?? string.Empty));
            }
        }

        /// <summary>
        /// Shows the steps after a style's file arrived (making and measuring its INT8 graph) as progress. They are
        /// reported on the pipeline thread; download bytes, reported from the download's own threads, are not shown.
        /// </summary>
        private sealed class StepProgress : IProgress<ModelDownloadProgress>
        {
            public const int ActivityId = 7;
            private readonly Cmdlet _cmdlet;
            private readonly int _pipelineThread = Environment.CurrentManagedThreadId;

            public StepProgress(Cmdlet cmdlet) => _cmdlet = cmdlet;

            public void Report(ModelDownloadProgress value)
            {
                if (value.Step != null && Environment.CurrentManagedThreadId == _pipelineThread)
                    _cmdlet.WriteProgress(new ProgressRecord(ActivityId, $"Install-AnimeModel {value.Model.Id}", value.Step));
            }
        }
    }
}
