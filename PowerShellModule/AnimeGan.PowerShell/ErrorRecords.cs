using System.Management.Automation;
using AnimeGan.Core.Exceptions;

namespace AnimeGan.PowerShell
{
    /// <summary>
    /// Turns engine failures into ErrorRecords with stable ids, fitting categories and the file as target, and
    /// words the fix in PowerShell's terms (<c>Install-AnimeModel hayao</c>, <c>-Force</c>) from the error's
    /// code and model id. The exception is the module's <see cref="AnimeGanModuleException"/>, which scripts can
    /// name in a catch, with the engine's own error inside it.
    /// </summary>
    internal static class ErrorRecords
    {
        /// <param name="exception">The engine's error.</param>
        /// <param name="target">What the error is about (the photo, the style); null for the error's own file.</param>
        public static ErrorRecord From(AnimeGanException exception, object? target)
        {
            var fix = RecommendedAction(exception);
            var message = exception.Message + (fix == null ? "" : " " + fix);
            var worded = new AnimeGanModuleException(message, exception.Code.ToString(), exception.Path, exception.ModelId, exception);
            var record = new ErrorRecord(worded, exception.Code.ToString(), Category(exception.Code), target ?? exception.Path);
            if (fix != null)
                record.ErrorDetails = new ErrorDetails(worded.Message) { RecommendedAction = fix };
            return record;
        }

        public static string? RecommendedAction(AnimeGanException exception) => exception.Code switch
        {
            AnimeGanErrorCode.ModelNotInstalled when exception.ModelId != null =>
                $"Install it with 'Install-AnimeModel {exception.ModelId}' (or 'Install-AnimeModel {exception.ModelId} -SourcePath <folder>' for a folder that holds the model files).",
            AnimeGanErrorCode.ModelHashMismatch when exception.ModelId != null => $"Reinstall it with 'Install-AnimeModel {exception.ModelId}'.",
            AnimeGanErrorCode.OutputExists => "Use -Force to replace it.",
            AnimeGanErrorCode.InstallFailed when exception.ModelId != null && exception.Message.Contains("no public download", StringComparison.Ordinal) =>
                $"Use 'Install-AnimeModel {exception.ModelId} -SourcePath <folder>'.",
            _ => null,
        };

        public static ErrorCategory Category(AnimeGanErrorCode code) => code switch
        {
            AnimeGanErrorCode.InputNotFound => ErrorCategory.ObjectNotFound,
            AnimeGanErrorCode.UnsupportedFormat => ErrorCategory.InvalidData,
            AnimeGanErrorCode.CorruptImage => ErrorCategory.InvalidData,
            AnimeGanErrorCode.ImageTooLarge => ErrorCategory.LimitsExceeded,
            AnimeGanErrorCode.OutputExists => ErrorCategory.ResourceExists,
            AnimeGanErrorCode.OutputIsInput => ErrorCategory.InvalidArgument,
            AnimeGanErrorCode.DuplicateOutput => ErrorCategory.ResourceExists,
            AnimeGanErrorCode.ProcessingFailed => ErrorCategory.InvalidResult,
            AnimeGanErrorCode.ToolMissing => ErrorCategory.NotInstalled,
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
