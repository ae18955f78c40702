using System.Collections.Concurrent;
using System.Diagnostics;
using AnimeGan.Core.Animation;
using AnimeGan.Core.Faces;

namespace AnimeGan.Core.Video
{
    /// <summary>
    /// Stylizes a clip through two ffmpeg processes: one decodes raw RGB frames into a pipe, the other encodes
    /// the stylized frames from a pipe into H.264 (with the source's sound copied untouched) in a temporary
    /// file beside the target. Decoding and encoding run beside the model in a bounded pipeline, so a clip
    /// costs about its frames' model time; every frame is stylized at one working size and smoothed over time.
    /// </summary>
    internal static class VideoConverter
    {
        /// <summary>Frames waiting between the stages: enough to keep the model busy, few enough to bound memory.</summary>
        private const int Buffered = 3;

        public static (ConversionResult Result, StagedFile Output) Stage(AnimeGanEngine engine, string source, string target, StylizeOptions? options, OutputOptions output, Action<ConversionStage>? onStage, Action<int, int>? onFrame, CancellationToken cancellationToken)
        {
            var stopwatch = Stopwatch.StartNew();
            onStage?.Invoke(ConversionStage.Reading);
            var info = FFmpeg.Probe(source);
            var frameBytes = info.Width * info.Height * 3;
            var expected = info.ExpectedFrames;
            var frameOptions = options ?? new StylizeOptions();
            var faceSmoothing = new FaceSmoothing();
            var staged = new StagedFile(target, output.Overwrite);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var decoder = FFmpeg.Start("ffmpeg", new[] { "-v", "error", "-nostdin", "-i", source, "-f", "rawvideo", "-pix_fmt", "rgb24", "-" }, input: false, output: true);
            var decoderErrors = decoder.StandardError.ReadToEndAsync();
            var encodeArguments = new System.Collections.Generic.List<string>
            {
                "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{info.Width}x{info.Height}", "-framerate", info.FrameRate, "-i", "-",
                "-i", source, "-map", "0:v:0", "-map", "1:a?", "-c:a", "copy",
                "-c:v", "libx264", "-preset", "medium", "-crf", VideoFiles.CrfFor(output.Quality ?? ImageEncoder.DefaultJpegQuality).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-pix_fmt", "yuv420p", "-f", VideoFiles.Container(target),
            };
            if (VideoFiles.Container(target) != "matroska")
                encodeArguments.AddRange(new[] { "-movflags", "+faststart" });
            encodeArguments.Add(staged.TemporaryPath);
            Process? encoder = null;
            var frames = new BlockingCollection<byte[]>(Buffered);
            var styled = new BlockingCollection<byte[]>(Buffered);
            Task? reading = null;
            Task? writing = null;
            try
            {
                encoder = FFmpeg.Start("ffmpeg", encodeArguments, input: true, output: false);
                var encoderErrors = encoder.StandardError.ReadToEndAsync();
                reading = Task.Factory.StartNew(() => ReadFrames(decoder.StandardOutput.BaseStream, frameBytes, frames, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                var input = encoder.StandardInput.BaseStream;
                writing = Task.Factory.StartNew(() => WriteFrames(input, styled, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

                onStage?.Invoke(ConversionStage.Stylizing);
                var smoothing = new TemporalSmoothing();
                StylizeResult? last = null;
                var count = 0;
                foreach (var rgb in frames.GetConsumingEnumerable(stop.Token))
                {
                    last = engine.StylizeFrame(new PixelImage(info.Width, info.Height, rgb), frameOptions, faceSmoothing, stop.Token);
                    styled.Add(frameOptions.SmoothFrames != false ? smoothing.Apply(rgb, last.Image.Rgb) : last.Image.Rgb, stop.Token);
                    count++;
                    onFrame?.Invoke(count, Math.Max(count, expected));
                }

                // The last frame closes the count: an estimate that ran long ends at "frame 30 of 30", not "of 31".
                if (count > 0 && count != expected)
                    onFrame?.Invoke(count, count);
                styled.CompleteAdding();
                reading.Wait(stop.Token);
                writing.Wait(stop.Token);
                decoder.WaitForExit();
                if (decoder.ExitCode != 0 || count == 0)
                    throw FFmpeg.Unreadable(source, decoderErrors.Result.Length == 0 ? "no frame could be decoded" : decoderErrors.Result);

                onStage?.Invoke(ConversionStage.Writing);
                encoder.WaitForExit();
                if (encoder.ExitCode != 0)
                    throw new AnimeGanException(AnimeGanErrorCode.WriteFailed, $"{target}: ffmpeg could not write the clip ({ErrorText.FirstLine(encoderErrors.Result.Replace(staged.TemporaryPath, target))}).", target);

                var result = ConversionResult.Of(source, target, last!, info.Width, info.Height, 0, stopwatch.Elapsed, count);
                return (result, staged);
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is AggregateException || ex is IOException || ex is AnimeGanException || ex is InvalidOperationException)
            {
                stop.Cancel();
                End(decoder);
                End(encoder);
                Quietly(reading);
                Quietly(writing);
                staged.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                if (ex is AnimeGanException)
                    throw;
                if (ex is AggregateException aggregate && aggregate.InnerException is AnimeGanException inner)
                    throw inner;
                throw FFmpeg.Unreadable(source, ex.Message);
            }
            finally
            {
                encoder?.Dispose();
                frames.Dispose();
                styled.Dispose();
            }
        }

        private static void ReadFrames(Stream from, int frameBytes, BlockingCollection<byte[]> frames, CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    var frame = new byte[frameBytes];
                    var filled = 0;
                    int read;
                    while (filled < frameBytes && (read = from.Read(frame, filled, frameBytes - filled)) > 0)
                        filled += read;
                    if (filled < frameBytes)
                        return;
                    frames.Add(frame, cancellationToken);
                }
            }
            finally
            {
                frames.CompleteAdding();
            }
        }

        private static void WriteFrames(Stream to, BlockingCollection<byte[]> styled, CancellationToken cancellationToken)
        {
            using (to)
            {
                foreach (var frame in styled.GetConsumingEnumerable(cancellationToken))
                    to.Write(frame, 0, frame.Length);
            }
        }

        /// <summary>Ends an ffmpeg that is still running (a stop, or a failure elsewhere), so none is left behind.</summary>
        private static void End(Process? process)
        {
            if (process == null)
                return;
            try
            {
                if (!process.HasExited)
                    process.Kill();
                process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
            }
        }

        private static void Quietly(Task? task)
        {
            try
            {
                task?.Wait();
            }
            catch (AggregateException)
            {
                // Its failure is the one being reported, or a consequence of the stop.
            }
        }
    }
}
