using ImageMagick;
using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Exceptions
{
    /// <summary>
    /// The one place where ONNX Runtime and Magick.NET failures become <see cref="AnimeGanException"/>s: every
    /// session load and run, every decode of a file and every Magick.NET call on pixels in memory goes through
    /// here, so no library exception reaches a front end and each failure kind keeps one code and one wording.
    /// </summary>
    internal static class LibraryFailures
    {
        /// <summary>ImageMagick's tag for a frame beyond its width or height limit (an image error, not a resource-limit one).</summary>
        private const string WidthOrHeightTag = "WidthOrHeightExceedsLimit";

        /// <summary>Opens an ONNX Runtime session; a failure is <see cref="AnimeGanErrorCode.ModelLoadFailed"/> naming the model.</summary>
        /// <param name="open">Creates the session.</param>
        /// <param name="source">The file (or description) the model came from.</param>
        /// <param name="what">What the model is, for the message ("model", "face detector").</param>
        public static InferenceSession OpenSession(Func<InferenceSession> open, string source, string what)
        {
            try
            {
                return open();
            }
            catch (OnnxRuntimeException ex)
            {
                throw new AnimeGanException(AnimeGanErrorCode.ModelLoadFailed, $"{source}: ONNX Runtime cannot load the {what} ({ErrorText.FirstLine(ex.Message)}).", source, ex);
            }
        }

        /// <summary>A model run that failed for a reason other than cancellation: <see cref="AnimeGanErrorCode.InferenceFailed"/>.</summary>
        public static AnimeGanException RunFailed(OnnxRuntimeException failure, string source, string detail)
            => new AnimeGanException(AnimeGanErrorCode.InferenceFailed, $"{source}: {detail} failed ({ErrorText.FirstLine(failure.Message)}).", source, failure);

        /// <summary>
        /// Runs a Magick.NET call that decodes a file: a resource or size limit is
        /// <see cref="AnimeGanErrorCode.ImageTooLarge"/>, any other failure <see cref="AnimeGanErrorCode.CorruptImage"/>,
        /// each naming the file.
        /// </summary>
        /// <param name="call">The decoding call.</param>
        /// <param name="name">The file, for messages.</param>
        /// <param name="what">What was being read, for example "the PNG data".</param>
        public static T Decoding<T>(Func<T> call, string name, string what)
        {
            try
            {
                return call();
            }
            catch (MagickException ex) when (ex is MagickResourceLimitErrorException || ex.Message.StartsWith(WidthOrHeightTag, StringComparison.Ordinal))
            {
                throw new AnimeGanException(AnimeGanErrorCode.ImageTooLarge, $"{name}: the image is larger than this tool accepts ({ErrorText.FromImageMagick(ex.Message)}).", name, ex);
            }
            catch (MagickException ex)
            {
                throw new AnimeGanException(AnimeGanErrorCode.CorruptImage, $"{name}: cannot decode {what} ({ErrorText.FromImageMagick(ex.Message)}).", name, ex);
            }
        }

        /// <summary>
        /// Runs a Magick.NET call on pixels already in memory (resampling, packing for encode): a resource or
        /// size limit is <see cref="AnimeGanErrorCode.ImageTooLarge"/>, any other failure
        /// <see cref="AnimeGanErrorCode.ProcessingFailed"/>.
        /// </summary>
        public static T Imaging<T>(Func<T> call, string what)
        {
            try
            {
                return call();
            }
            catch (MagickException ex) when (ex is MagickResourceLimitErrorException || ex.Message.StartsWith(WidthOrHeightTag, StringComparison.Ordinal))
            {
                throw new AnimeGanException(AnimeGanErrorCode.ImageTooLarge, $"{what}: the picture is larger than ImageMagick's limits allow ({ErrorText.FromImageMagick(ex.Message)}).", null, ex);
            }
            catch (MagickException ex)
            {
                throw new AnimeGanException(AnimeGanErrorCode.ProcessingFailed, $"{what} failed ({ErrorText.FromImageMagick(ex.Message)}).", null, ex);
            }
        }
    }
}
