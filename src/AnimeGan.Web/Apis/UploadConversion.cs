using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AnimeGan.Web.Apis
{
    /// <summary>
    /// Runs one uploaded photo through the engine, off the request's thread: the request awaits it, and its
    /// cancellation (the client gone, or a stopping server's drain over) stops the model run.
    /// </summary>
    internal static class UploadConversion
    {
        /// <summary>A token that ends a conversion when its client goes away, or when a stopping server's drain period is over.</summary>
        public static CancellationTokenSource Token(HttpContext http)
            => CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, http.RequestServices.GetRequiredService<Hosting.Drain>().Abandoned);

        /// <summary>
        /// Decodes the upload once and stylizes it, then hands the result to <paramref name="finish"/> on the same
        /// thread. <paramref name="cancellationToken"/> ends it at any stage; <paramref name="finish"/> takes it too,
        /// so writing stops as well.
        /// </summary>
        public static Task<T> RunAsync<T>(HttpContext http, Upload upload, StylizeOptions stylize, Action<ConversionStage>? onStage, Func<StylizeResult, CancellationToken, T> finish, CancellationToken cancellationToken)
        {
            var engine = http.RequestServices.GetRequiredService<AnimeGanEngine>();
            var hold = http.RequestServices.GetRequiredService<Hosting.StageHold>();
            void Enter(ConversionStage stage)
            {
                onStage?.Invoke(stage);
                hold.At(stage.ToString(), cancellationToken);
            }

            return Task.Factory.StartNew(
                () =>
                {
                    Enter(ConversionStage.Reading);
                    var photo = ImageDecoder.Read(upload.Path);
                    cancellationToken.ThrowIfCancellationRequested();
                    var result = engine.StylizePhoto(photo, stylize, Enter, cancellationToken);
                    cancellationToken.ThrowIfCancellationRequested();
                    Enter(ConversionStage.Writing);
                    return finish(result, cancellationToken);
                },
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        /// <summary>
        /// Converts an animated upload frame by frame into <paramref name="target"/>, as <c>animegan convert</c> does
        /// (each frame's delay, the loop count and the disposal kept), off the request's thread.
        /// </summary>
        public static Task<ConversionResult> RunAnimationAsync(HttpContext http, Upload upload, string target, CancellationToken cancellationToken)
        {
            var engine = http.RequestServices.GetRequiredService<AnimeGanEngine>();
            var output = new OutputOptions { Format = upload.Format ?? upload.Header.Format, Overwrite = true };
            return Task.Factory.StartNew(
                () => engine.Convert(upload.Path, target, upload.Stylize, output, cancellationToken),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }
    }
}
