using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// Holds every conversion at the start of one stage until it is cancelled, so that a stop (SIGTERM, Ctrl+C)
    /// can be shown to clean up after a conversion caught in exactly that stage, not at whatever moment a signal
    /// happened to land. Off unless the setting <c>AnimeGan:HoldAtStage</c> (environment variable
    /// <c>AnimeGan__HoldAtStage</c>) names <see cref="Uploading"/> or a <see cref="ConversionStage"/>; nothing a
    /// user runs sets it.
    /// </summary>
    internal sealed class StageHold
    {
        /// <summary>The setting that names the stage.</summary>
        public const string Setting = ServeOptions.Section + ":HoldAtStage";

        /// <summary>The stage before the conversion's own: the photo is arriving (held once part of it is saved).</summary>
        public const string Uploading = nameof(Uploading);

        private readonly string? _stage;
        private readonly ILogger<StageHold> _log;

        public StageHold(IConfiguration configuration, ILogger<StageHold> log)
        {
            _stage = configuration[Setting];
            _log = log;
        }

        /// <summary>Blocks a conversion entering <paramref name="stage"/> until <paramref name="cancellationToken"/> ends it, and says so in the log.</summary>
        public void At(string stage, CancellationToken cancellationToken)
        {
            if (!string.Equals(stage, _stage, StringComparison.OrdinalIgnoreCase))
                return;
            _log.LogWarning("A conversion is held at stage {Stage} until it is cancelled.", stage);
            cancellationToken.WaitHandle.WaitOne();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
