using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AnimeGan.Core.Video
{
    /// <summary>
    /// The ffmpeg and ffprobe programs the video path runs as child processes (frames go through pipes, never
    /// through temporary frame files). They are found on PATH, or in the folder $ANIMEGAN_FFMPEG names.
    /// </summary>
    internal static class FFmpeg
    {
        public const string FolderVariable = "ANIMEGAN_FFMPEG";

        public const string InstallAdvice = "ffmpeg is needed to convert videos and was not found. Install it: on Debian or Ubuntu 'sudo apt install ffmpeg', on macOS 'brew install ffmpeg', on Windows 'winget install ffmpeg' (or unpack a build from ffmpeg.org and put its bin folder on PATH, or name that folder in ANIMEGAN_FFMPEG).";

        /// <summary>The full path of ffmpeg or ffprobe.</summary>
        /// <exception cref="AnimeGanException">Not installed (<see cref="AnimeGanErrorCode.ToolMissing"/>), with how to install it.</exception>
        public static string Find(string program)
        {
            var name = Environment.OSVersion.Platform == PlatformID.Win32NT ? program + ".exe" : program;
            var folders = new List<string>();
            var configured = Environment.GetEnvironmentVariable(FolderVariable);
            if (!string.IsNullOrEmpty(configured))
                folders.Add(configured);
            folders.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Where(f => f.Length > 0));
            foreach (var folder in folders)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                    return candidate;
            }

            throw new AnimeGanException(AnimeGanErrorCode.ToolMissing, InstallAdvice);
        }

        /// <summary>Starts a program with its standard streams redirected as asked.</summary>
        public static Process Start(string program, IEnumerable<string> arguments, bool input, bool output)
        {
            var start = new ProcessStartInfo(Find(program), string.Join(" ", arguments.Select(Quote)))
            {
                UseShellExecute = false,
                RedirectStandardInput = input,
                RedirectStandardOutput = output,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            return Process.Start(start) ?? throw new AnimeGanException(AnimeGanErrorCode.ToolMissing, $"{program} could not be started.");
        }

        /// <summary>
        /// One argument quoted the way the runtime splits a command line on every platform (quotes around
        /// spaces, backslashes doubled before a quote), since .NET Standard has no argument list.
        /// </summary>
        private static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0)
                return argument;
            var quoted = new System.Text.StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
                backslashes = 0;
                quoted.Append(c);
            }

            return quoted.Append('\\', backslashes * 2).Append('"').ToString();
        }

        /// <summary>What ffprobe says of a clip: its picture size (upright), frame rate, frame count and whether it has sound.</summary>
        /// <exception cref="AnimeGanException">ffprobe cannot read it (<see cref="AnimeGanErrorCode.UnsupportedFormat"/>), naming the file.</exception>
        public static VideoInfo Probe(string path)
        {
            using var probe = Start("ffprobe", new[] { "-v", "error", "-show_entries", "stream=codec_type,width,height,r_frame_rate,nb_frames,duration:stream_side_data=rotation:format=duration", "-of", "json", path }, input: false, output: true);
            var errors = probe.StandardError.ReadToEndAsync();
            var json = probe.StandardOutput.ReadToEnd();
            probe.WaitForExit();
            if (probe.ExitCode != 0)
                throw Unreadable(path, errors.Result);
            using var document = JsonDocument.Parse(json);
            var streams = document.RootElement.TryGetProperty("streams", out var list) ? list.EnumerateArray().ToList() : new List<JsonElement>();
            var video = streams.FirstOrDefault(s => s.TryGetProperty("codec_type", out var type) && type.GetString() == "video");
            if (video.ValueKind != JsonValueKind.Object || !video.TryGetProperty("width", out var widthValue))
                throw Unreadable(path, "no video stream");
            var width = widthValue.GetInt32();
            var height = video.GetProperty("height").GetInt32();
            if (video.TryGetProperty("side_data_list", out var sides) && sides.EnumerateArray().Any(s => s.TryGetProperty("rotation", out var r) && Math.Abs(r.GetInt32()) % 180 == 90))
                (width, height) = (height, width);
            var rate = video.TryGetProperty("r_frame_rate", out var rateValue) ? rateValue.GetString() ?? "30/1" : "30/1";
            var duration = document.RootElement.TryGetProperty("format", out var format) && format.TryGetProperty("duration", out var d) && double.TryParse(d.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
            var hasAudio = streams.Any(s => s.TryGetProperty("codec_type", out var type) && type.GetString() == "audio");
            // The container's own count (MP4, MOV) is exact; the format's duration can include a longer sound track.
            var frames = video.TryGetProperty("nb_frames", out var count) && int.TryParse(count.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var counted) ? counted : 0;
            if (video.TryGetProperty("duration", out var streamDuration) && double.TryParse(streamDuration.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var streamSeconds))
                duration = streamSeconds;
            return new VideoInfo(width, height, rate, duration, hasAudio) { Frames = frames };
        }

        /// <summary>A clip ffmpeg cannot read, with its own first words on why.</summary>
        public static AnimeGanException Unreadable(string path, string reason)
        {
            // ffmpeg starts its lines with the demuxer and an address ("[mov,mp4,... @ 0x55d...] moov atom not found").
            var words = System.Text.RegularExpressions.Regex.Replace(ErrorText.FirstLine(reason.Replace(path, Path.GetFileName(path))), @"^\[[^\]]*\]\s*", "");
            return new AnimeGanException(AnimeGanErrorCode.UnsupportedFormat, $"{path}: ffmpeg cannot read this as a video ({words}).", path);
        }
    }

    /// <summary>A clip's facts, from ffprobe.</summary>
    /// <param name="Width">The upright picture width.</param>
    /// <param name="Height">The upright picture height.</param>
    /// <param name="FrameRate">The frame rate as ffmpeg writes it (for example 30000/1001).</param>
    /// <param name="Seconds">The duration.</param>
    /// <param name="HasAudio">Whether there is a sound track to copy.</param>
    internal sealed record VideoInfo(int Width, int Height, string FrameRate, double Seconds, bool HasAudio)
    {
        /// <summary>Gets the frame count the container records, or 0 when it records none (Matroska, WebM).</summary>
        public int Frames { get; init; }

        /// <summary>Gets how many frames to expect: the recorded count, else one estimated from the video's duration.</summary>
        public int ExpectedFrames => Frames > 0 ? Frames : (int)Math.Round(Seconds * FramesPerSecond);

        /// <summary>The frame rate as a number.</summary>
        public double FramesPerSecond
        {
            get
            {
                var parts = FrameRate.Split('/');
                var top = double.Parse(parts[0], CultureInfo.InvariantCulture);
                var bottom = parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : 1;
                return bottom == 0 ? 0 : top / bottom;
            }
        }
    }
}
