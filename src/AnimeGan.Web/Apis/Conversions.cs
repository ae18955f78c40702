using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AnimeGan.Core;
using AnimeGan.Core.Batches;
using AnimeGan.Core.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AnimeGan.Web.Apis
{
    /// <summary>
    /// Runs one uploaded photo through the engine's batch service, off the request's thread: the request
    /// awaits it, and its cancellation (the client gone) stops the model run and removes partial files.
    /// </summary>
    internal static class Conversions
    {
        /// <summary>A token that ends a conversion when its client goes away, or when a stopping server's drain period is over.</summary>
        public static CancellationTokenSource Token(HttpContext http)
            => CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, http.RequestServices.GetRequiredService<Hosting.Drain>().Abandoned);

        public static Task<BatchOutcome> RunAsync(AnimeGanEngine engine, string input, string output, StylizeOptions stylize, OutputOptions write, Action<ConversionStage>? onStage, CancellationToken cancellationToken)
        {
            var batch = new BatchConverter(engine);
            var options = new BatchOptions { Stylize = stylize, Output = write, Jobs = 1 };
            var plan = new[] { new PlannedConversion(input, output) };
            var progress = onStage == null ? null : new StageCallback(onStage);
            return Task.Factory.StartNew(
                () => batch.Run(plan, options, progress, cancellationToken).Single(),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        private sealed class StageCallback : IProgress<BatchProgress>
        {
            private readonly Action<ConversionStage> _onStage;

            public StageCallback(Action<ConversionStage> onStage) => _onStage = onStage;

            public void Report(BatchProgress value) => _onStage(value.Stage);
        }
    }
}
