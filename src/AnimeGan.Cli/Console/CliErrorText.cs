using AnimeGan.Core.Exceptions;

namespace AnimeGan.Cli.Console
{
    /// <summary>
    /// The engine says what went wrong; this says how to fix it in this command line's own words
    /// (<c>animegan models install hayao</c>, <c>--overwrite</c>), from the error's code and model id.
    /// </summary>
    internal static class CliErrorText
    {
        public static string Describe(AnimeGanException error) => error.Code switch
        {
            AnimeGanErrorCode.ModelNotInstalled when error.ModelId != null =>
                $"{error.Message} Install it with 'animegan models install {error.ModelId}' (or 'animegan models install --from <folder>' for a folder that holds the model files).",
            AnimeGanErrorCode.ModelHashMismatch when error.ModelId != null =>
                $"{error.Message} Reinstall it with 'animegan models install {error.ModelId}'.",
            AnimeGanErrorCode.OutputExists => $"{error.Message} Use --overwrite to replace it.",
            AnimeGanErrorCode.InstallFailed when error.ModelId != null && error.Message.Contains("no public download", StringComparison.Ordinal) =>
                $"{error.Message} Use 'animegan models install {error.ModelId} --from <folder>'.",
            _ => error.Message,
        };
    }
}
