using AnimeGan.Core.Batches;
using AnimeGan.Core.Video;

namespace AnimeGan.Core.Tests.VideoTests
{
    /// <summary>Clips through ffmpeg pipes: same size, rate, length and sound; stylized; stopped cleanly; bad files explained.</summary>
    [Collection(nameof(TheVideoConversion))]
    public class TheVideoConversion
    {
        private static readonly StylizeOptions Small = new StylizeOptions { MaxSize = 128 };

        [Fact]
        public void ShouldKeepSizeFrameRateDurationAndSoundAndStylizeEveryFrame()
        {
            using var folder = new TemporaryDirectory();
            var clip = Clips.Make(folder.File("clip.mp4"), 320, 240, 15, 2);

            var result = TestModels.Engine.Convert(clip, folder.File("clip_anime.mp4"), Small);

            var before = Clips.Probe(clip);
            var after = Clips.Probe(result.OutputPath);
            var video = Clips.Stream(after, "video");
            Assert.Equal("h264", video.GetProperty("codec_name").GetString());
            Assert.Equal((320, 240), (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32()));
            Assert.Equal("15/1", video.GetProperty("r_frame_rate").GetString());
            Assert.Equal(Clips.Stream(before, "video").GetProperty("nb_read_frames").GetString(), video.GetProperty("nb_read_frames").GetString());
            Assert.Equal(30, result.Frames);
            var seconds = double.Parse(after.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 1.95, 2.1);
            var sound = Clips.Stream(after, "audio");
            Assert.Equal("aac", sound.GetProperty("codec_name").GetString());
            Assert.Equal(Clips.Stream(before, "audio").GetProperty("nb_read_frames").GetString(), sound.GetProperty("nb_read_frames").GetString());

            foreach (var index in new[] { 0, 15, 29 })
            {
                var source = Clips.Frame(clip, index, 320, 240);
                var styled = Clips.Frame(result.OutputPath, index, 320, 240);
                var difference = source.Zip(styled, (a, b) => Math.Abs(a - b)).Average();
                Assert.True(difference > 8, $"frame {index} looks unstylized (mean difference {difference:0.0})");
            }
        }

        [Theory]
        [InlineData("mov", "clip_anime.mov", "mov,mp4,m4a,3gp,3g2,mj2")]
        [InlineData("mkv", "clip_anime.mkv", "matroska,webm")]
        [InlineData("webm", "clip_anime.mp4", "mov,mp4,m4a,3gp,3g2,mj2")]
        public void ShouldWriteEachContainerAsH264WithItsSound(string extension, string expectedName, string container)
        {
            using var folder = new TemporaryDirectory();
            var mp4 = Clips.Make(folder.File("source.mp4"), 160, 120, 10, 1);
            var clip = folder.File("clip." + extension);
            Clips.Remux(mp4, clip, extension == "webm");
            var batch = new BatchConverter(TestModels.Engine);
            var options = new BatchOptions { Stylize = new StylizeOptions { MaxSize = 96, Faces = false } };

            var outcome = batch.Run(BatchConverter.Plan(new[] { new BatchInput(clip) }, options, TestModels.Store).Conversions, options).Single();

            Assert.True(outcome.Succeeded, outcome.Error?.Message);
            Assert.Equal(folder.File(expectedName), outcome.OutputPath);
            var probe = Clips.Probe(outcome.OutputPath!);
            Assert.Equal(container, probe.GetProperty("format").GetProperty("format_name").GetString());
            Assert.Equal("h264", Clips.Stream(probe, "video").GetProperty("codec_name").GetString());
            Assert.Equal("10", Clips.Stream(probe, "video").GetProperty("nb_read_frames").GetString());
            Clips.Stream(probe, "audio");
        }

        [Fact]
        public void ShouldStopAtAKnownFrameLeavingNoFileAndNoFfmpeg()
        {
            using var folder = new TemporaryDirectory();
            var clip = Clips.Make(folder.File("clip.mp4"), 320, 240, 15, 3);
            var batch = new BatchConverter(TestModels.Engine);
            var options = new BatchOptions { Stylize = Small, Jobs = 1 };
            using var stop = new CancellationTokenSource();
            var progress = new StopAtFrame(5, stop);

            Assert.ThrowsAny<OperationCanceledException>(() => batch.Run(BatchConverter.Plan(new[] { new BatchInput(clip) }, options, TestModels.Store).Conversions, options, progress, stop.Token).ToList());

            Assert.Equal(5, progress.LastFrame);
            Assert.Equal(new[] { "clip.mp4" }, Directory.GetFiles(folder.Path).Select(Path.GetFileName));
            Assert.Equal(0, Clips.RunningFfmpegs());
        }

        [Fact]
        public void ShouldExplainATruncatedClipAndATextFileNamedMp4()
        {
            using var folder = new TemporaryDirectory();
            var clip = Clips.Make(folder.File("clip.mp4"), 320, 240, 15, 2);
            var cut = TestImages.WriteBytes(folder.File("cut.mp4"), File.ReadAllBytes(clip).Take(20000).ToArray());
            var text = TestImages.WriteBytes(folder.File("notes.mp4"), System.Text.Encoding.ASCII.GetBytes("these are notes"));

            foreach (var bad in new[] { cut, text })
            {
                var ex = Assert.Throws<AnimeGanException>(() => TestModels.Engine.Convert(bad, folder.File("out.mp4"), Small));
                Assert.Equal(AnimeGanErrorCode.UnsupportedFormat, ex.Code);
                Assert.StartsWith(bad + ": ffmpeg cannot read this as a video (", ex.Message);
                Assert.DoesNotContain("@ 0x", ex.Message);
            }

            Assert.False(File.Exists(folder.File("out.mp4")));
            Assert.Equal(0, Clips.RunningFfmpegs());
        }

        /// <summary>
        /// Flicker (docs/video.md): the mean change between consecutive output frames on pixels whose input
        /// changed by at most 2, against the input's own change there. Smoothing must cut the frame-by-frame
        /// figure by a fifth at least and end at most at the input's own. Where the
        /// input moved (a change of 24 or more), the output must stay the frame's own stylization: two
        /// encodes of the same frames differ by a level or so, a trail of the red square by tens of levels.
        /// </summary>
        [Fact]
        public void ShouldCutStillAreaFlickerToTheInputsOwnWithoutSmearingTheMovingSquare()
        {
            using var folder = new TemporaryDirectory();
            var clip = Clips.MakeMovingSquare(folder.File("clip.mp4"), TestFiles.Rickshaw, 320, 180, 1);
            var options = new StylizeOptions { MaxSize = 160, Faces = false };
            var plain = TestModels.Engine.Convert(clip, folder.File("plain.mp4"), options with { SmoothFrames = false }).OutputPath;

            var smooth = TestModels.Engine.Convert(clip, folder.File("smooth.mp4"), options).OutputPath;

            var input = Clips.Frames(clip, 320, 180);
            var (inputOwn, plainFlicker, _) = Clips.Flicker(input, Clips.Frames(plain, 320, 180), null);
            var plainFrames = Clips.Frames(plain, 320, 180);
            var (_, smoothFlicker, movedDifference) = Clips.Flicker(input, Clips.Frames(smooth, 320, 180), plainFrames);
            var figures = $"flicker: input's own {inputOwn:0.0000}, frame by frame {plainFlicker:0.0000}, smoothed {smoothFlicker:0.0000}";
            Assert.True(plainFlicker > 0, figures);
            Assert.True(smoothFlicker < plainFlicker * 0.8, figures);
            Assert.True(smoothFlicker <= inputOwn, figures);
            Assert.True(movedDifference < 3, $"moving pixels differ from their own stylization by {movedDifference:0.00} on average");
        }

        [Fact]
        public void ShouldSayHowToInstallFfmpegWhenItIsMissing()
        {
            var ex = Assert.Throws<AnimeGanException>(() => FFmpeg.Find("ffmpeg-not-installed"));

            Assert.Equal(AnimeGanErrorCode.ToolMissing, ex.Code);
            Assert.Contains("apt install ffmpeg", ex.Message);
            Assert.Contains("winget install ffmpeg", ex.Message);
        }

        /// <summary>Cancels when the batch reports the given frame: a known point of the clip.</summary>
        private sealed class StopAtFrame : IProgress<BatchProgress>
        {
            private readonly int _frame;
            private readonly CancellationTokenSource _stop;

            public StopAtFrame(int frame, CancellationTokenSource stop)
            {
                _frame = frame;
                _stop = stop;
            }

            public int LastFrame { get; private set; }

            public void Report(BatchProgress value)
            {
                if (value.Frames == 0)
                    return;
                LastFrame = value.Frame;
                if (value.Frame == _frame)
                    _stop.Cancel();
            }
        }
    }
}
