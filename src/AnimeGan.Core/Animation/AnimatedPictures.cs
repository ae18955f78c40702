using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Faces;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.IO;
using AnimeGan.Core.Options;
using ImageMagick;

namespace AnimeGan.Core.Animation
{
    /// <summary>
    /// Animated GIF and WebP: every frame stylized at one working size, smoothed over time, and written back
    /// as an animation with each frame's delay, the loop count and the disposal kept.
    /// </summary>
    internal static class AnimatedPictures
    {
        /// <summary>The frames of a GIF or WebP (1 for a still picture or any other format), read from its headers only.</summary>
        public static int FrameCount(string path)
        {
            RasterFormat? format;
            using (var stream = File.OpenRead(path))
                format = ImageDecoder.ReadHeader(stream, path).Format;
            if (format != RasterFormat.Gif && format != RasterFormat.WebP)
                return 1;
            try
            {
                using var frames = new MagickImageCollection();
                frames.Ping(path, new MagickReadSettings { Format = RasterFormats.ToMagick(format.Value) });
                return frames.Count;
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
        public static (ConversionResult Result, StagedFile Output) Stage(AnimeGanEngine engine, string source, string target, RasterFormat format, StylizeOptions? options, OutputOptions output, Action<ConversionStage>? onStage, CancellationToken cancellationToken)
        {
            var stopwatch = Stopwatch.StartNew();
            onStage?.Invoke(ConversionStage.Reading);
            RasterFormat sourceFormat;
            using (var stream = File.OpenRead(source))
                sourceFormat = ImageDecoder.ReadHeader(stream, source).Format;
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
                    var picture = Pixels(frame);
                    last = engine.StylizeFrame(picture, frameOptions, faceSmoothing, cancellationToken);
                    var rgb = smoothing.Apply(picture.Rgb, last.Image.Rgb);
                    var styledFrame = Frame(last.Image.WithRgb(rgb));
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

                var conversion = new ConversionResult(source, target, last!.Style, last.Strength, width, height, last.WorkingWidth, last.WorkingHeight, 0, stopwatch.Elapsed, last.Timings);
                return (conversion, staged);
            }
            finally
            {
                result.Dispose();
            }
        }

        private static PixelImage Pixels(IMagickImage<byte> frame)
        {
            var width = (int)frame.Width;
            var height = (int)frame.Height;
            using var pixels = frame.GetPixelsUnsafe();
            var rgba = pixels.ToByteArray(PixelMapping.RGBA)!;
            var rgb = new byte[width * height * 3];
            var alpha = new byte[width * height];
            for (int i = 0, s = 0, d = 0; i < alpha.Length; i++, s += 4, d += 3)
            {
                rgb[d] = rgba[s];
                rgb[d + 1] = rgba[s + 1];
                rgb[d + 2] = rgba[s + 2];
                alpha[i] = rgba[s + 3];
            }

            return new PixelImage(width, height, rgb, alpha);
        }

        private static MagickImage Frame(PixelImage picture)
        {
            var rgba = new byte[picture.Width * picture.Height * 4];
            for (int i = 0, s = 0, d = 0; i < picture.Width * picture.Height; i++, s += 3, d += 4)
            {
                rgba[d] = picture.Rgb[s];
                rgba[d + 1] = picture.Rgb[s + 1];
                rgba[d + 2] = picture.Rgb[s + 2];
                rgba[d + 3] = picture.Alpha?[i] ?? (byte)255;
            }

            return MagickPixels.FromBytes(rgba, picture.Width, picture.Height, PixelMapping.RGBA);
        }
    }
}
