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

        /// <summary>Decodes the upload once and stylizes it, then hands the result to <paramref name="finish"/> on the same thread.</summary>
        public static Task<T> RunAsync<T>(AnimeGanEngine engine, Upload upload, StylizeOptions stylize, Action<ConversionStage>? onStage, Func<StylizeResult, T> finish, CancellationToken cancellationToken)
            => Task.Factory.StartNew(
                () =>
                {
                    onStage?.Invoke(ConversionStage.Reading);
                    var photo = ImageDecoder.Read(upload.Path);
                    cancellationToken.ThrowIfCancellationRequested();
                    var result = engine.StylizePhoto(photo, stylize, onStage, cancellationToken);
                    cancellationToken.ThrowIfCancellationRequested();
                    onStage?.Invoke(ConversionStage.Writing);
                    return finish(result);
                },
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
    }
}
