using System.Diagnostics;
using AnimeGan.Core.Faces;
using ImageMagick;

namespace AnimeGan.Core.Animation
{
    /// <summary>
    /// Animated GIF and WebP: every frame stylized at one working size, smoothed over time, and written back
    /// as an animation with each frame's delay, the loop count and the disposal kept.
    /// </summary>
    internal static class AnimatedPictures
    {
        /// <summary>
        /// The format of a GIF or WebP with more than one frame, read from its headers only; null for a still
        /// picture or any other format.
        /// </summary>
        public static RasterFormat? AnimatedFormat(string path) => FrameCount(path, out var format) > 1 ? format : null;

        /// <summary>The frames of a GIF or WebP, read from its headers only; 1 for any other picture or a damaged animation.</summary>
        public static int FrameCount(string path) => FrameCount(path, out _);

        private static int FrameCount(string path, out RasterFormat format)
        {
            using (var stream = File.OpenRead(path))
                format = ImageDecoder.ReadHeader(stream, path).Format;
            if (format != RasterFormat.Gif && format != RasterFormat.WebP)
                return 1;
            try
            {
                using var frames = new MagickImageCollection();
                frames.Ping(path, new MagickReadSettings { Format = RasterFormats.ToMagick(format) });
                return Math.Max(1, frames.Count);
            }
            catch (MagickException)
            {
                // A damaged animation is reported by the decoder, which reads the first frame as usual.
                return 1;
            }
        }

        /// <summary>Whether a result in this format can be animated.</summary>
        public static bool CanAnimate(RasterFormat format) => format == RasterFormat.Gif || format == RasterFormat.WebP;

        /// <summary>Converts an animation up to a complete temporary output beside the target.</summary>
        /// <param name="engine">The engine that stylizes each frame.</param>
        /// <param name="source">The animation.</param>
        /// <param name="sourceFormat">Its format, from <see cref="AnimatedFormat"/>.</param>
        /// <param name="target">Where the result goes.</param>
        /// <param name="format">The result's format (GIF or WebP).</param>
        /// <param name="options">Stylize settings.</param>
        /// <param name="output">Write settings.</param>
        /// <param name="onStage">Told each stage.</param>
        /// <param name="cancellationToken">Stops the work; nothing is left.</param>
        public static (ConversionResult Result, StagedFile Output) Stage(AnimeGanEngine engine, string source, RasterFormat sourceFormat, string target, RasterFormat format, StylizeOptions? options, OutputOptions output, Action<ConversionStage>? onStage, CancellationToken cancellationToken)
        {
            var stopwatch = Stopwatch.StartNew();
            onStage?.Invoke(ConversionStage.Reading);
            using var frames = LibraryFailures.Imaging(() => new MagickImageCollection(source, new MagickReadSettings { Format = RasterFormats.ToMagick(sourceFormat) }), $"{source}: reading the animation");
            var width = (int)frames[0].Width;
            var height = (int)frames[0].Height;
            if ((long)width * height * frames.Count > ImageDecoder.MaxPixels)
                throw new AnimeGanException(AnimeGanErrorCode.ImageTooLarge, $"{source}: too large: {frames.Count} frames of {width} x {height} are more than the {ImageDecoder.MaxPixels / 1_000_000} megapixels this tool accepts.", source);
            // Coalescing makes every frame a whole picture and forgets how each was disposed: keep that first.
            var disposal = new GifDisposeMethod[frames.Count];
            for (var i = 0; i < frames.Count; i++)
                disposal[i] = frames[i].GifDisposeMethod;
            LibraryFailures.Imaging(() => { frames.Coalesce(); return true; }, $"{source}: laying out the animation's frames");

            var frameOptions = options ?? new StylizeOptions();
            var faceSmoothing = new FaceSmoothing();
            var smoothing = new TemporalSmoothing();
            var result = new MagickImageCollection();
            StylizeResult? last = null;
            try
            {
                onStage?.Invoke(ConversionStage.Stylizing);
                for (var index = 0; index < frames.Count; index++)
                {
                    var frame = frames[index];
                    cancellationToken.ThrowIfCancellationRequested();
                    var picture = ImageDecoder.ToDecoded((MagickImage)frame, sourceFormat).Pixels;
                    last = engine.StylizeFrame(picture, frameOptions, faceSmoothing, cancellationToken);
                    var rgb = smoothing.Apply(picture.Rgb, last.Image.Rgb);
                    var styledFrame = ImageEncoder.ToMagick(last.Image.WithRgb(rgb), keepAlpha: true);
                    styledFrame.AnimationDelay = frame.AnimationDelay;
                    styledFrame.AnimationTicksPerSecond = frame.AnimationTicksPerSecond;
                    styledFrame.AnimationIterations = frames[0].AnimationIterations;
                    styledFrame.GifDisposeMethod = disposal[index];
                    result.Add(styledFrame);
                }

                onStage?.Invoke(ConversionStage.Writing);
                var staged = new StagedFile(target, output.Overwrite);
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    LibraryFailures.Imaging(
                        () =>
                        {
                            if (format == RasterFormat.WebP)
                                result[0].Quality = (uint)(output.Quality ?? ImageEncoder.DefaultJpegQuality);
                            result.Write(staged.TemporaryPath, RasterFormats.ToMagick(format));
                            return true;
                        },
                        $"{target}: writing the animation");
                }
                catch
                {
                    staged.Dispose();
                    throw;
                }

                var conversion = ConversionResult.Of(source, target, last!, width, height, 0, stopwatch.Elapsed);
                return (conversion, staged);
            }
            finally
            {
                result.Dispose();
            }
        }
    }
}
