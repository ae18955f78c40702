using System.Management.Automation;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Imaging;

namespace AnimeGan.PowerShell.Cmdlets
{
    /// <summary>Get-AnimeFace: the faces face enhancement would work on, one object per face.</summary>
    [Cmdlet(VerbsCommon.Get, "AnimeFace", DefaultParameterSetName = PathSet, HelpUri = HelpLinks.GetAnimeFace)]
    [OutputType(typeof(AnimeFaceInfo))]
    public sealed class GetAnimeFaceCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>Gets or sets images; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Gets or sets images taken literally; binds Get-ChildItem output.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName", "LP")]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Gets or sets the detector: retinaface (default) or yunet.</summary>
        [Parameter]
        [ValidateSet("retinaface", "yunet", IgnoreCase = true)]
        public string? Detector { get; set; }

        /// <summary>Gets or sets the models folder.</summary>
        [Parameter]
        public string? ModelsPath { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var engine = EngineCache.For(ProviderPaths.FileSystemFolder(this, ModelsPath, nameof(ModelsPath)));
            foreach (var file in ProviderPaths.ResolveFiles(this, ParameterSetName == LiteralPathSet ? LiteralPath : Path, ParameterSetName == LiteralPathSet))
            {
                try
                {
                    var picture = ImageDecoder.Read(file).Pixels;
                    var faces = engine.DetectFaces(picture, Detector);
                    for (var i = 0; i < faces.Count; i++)
                    {
                        var f = faces[i];
                        WriteObject(new AnimeFaceInfo(file, i, f.Box.X, f.Box.Y, f.Box.Width, f.Box.Height, f.Score, new AnimeFaceLandmarks(f.Landmarks.Select(p => new AnimeFacePoint(p.X, p.Y)).ToList())));
                    }
                }
                catch (AnimeGanException ex)
                {
                    WriteError(ErrorRecords.From(ex, file));
                }
            }
        }
    }
}
