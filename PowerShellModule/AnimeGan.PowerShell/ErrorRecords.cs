using System.Management.Automation;
using AnimeGan.Core.Exceptions;

namespace AnimeGan.PowerShell
{
    /// <summary>Turns engine failures into ErrorRecords with stable ids, fitting categories and the file as target.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(AnimeGanException exception, object? target)
            => new ErrorRecord(exception, exception.Code.ToString(), Category(exception.Code), target ?? exception.Path);

        public static ErrorCategory Category(AnimeGanErrorCode code) => code switch
        {
            AnimeGanErrorCode.InputNotFound => ErrorCategory.ObjectNotFound,
            AnimeGanErrorCode.UnsupportedFormat => ErrorCategory.InvalidData,
            AnimeGanErrorCode.CorruptImage => ErrorCategory.InvalidData,
            AnimeGanErrorCode.ImageTooLarge => ErrorCategory.LimitsExceeded,
            AnimeGanErrorCode.OutputExists => ErrorCategory.ResourceExists,
            AnimeGanErrorCode.OutputIsInput => ErrorCategory.InvalidArgument,
            AnimeGanErrorCode.WriteFailed => ErrorCategory.WriteError,
            AnimeGanErrorCode.UnknownModel => ErrorCategory.InvalidArgument,
            AnimeGanErrorCode.ModelNotInstalled => ErrorCategory.NotInstalled,
            AnimeGanErrorCode.ModelHashMismatch => ErrorCategory.SecurityError,
            AnimeGanErrorCode.ModelLoadFailed => ErrorCategory.InvalidData,
            AnimeGanErrorCode.ModelContractUnsupported => ErrorCategory.InvalidType,
            AnimeGanErrorCode.InferenceFailed => ErrorCategory.InvalidResult,
            AnimeGanErrorCode.ManifestInvalid => ErrorCategory.InvalidData,
            AnimeGanErrorCode.InstallFailed => ErrorCategory.ConnectionError,
            AnimeGanErrorCode.InvalidOption => ErrorCategory.InvalidArgument,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
