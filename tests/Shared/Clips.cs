using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AnimeGan.Tests
{
    /// <summary>Short clips the tests make with ffmpeg (its testsrc2 picture and a sine tone), and what ffprobe says of clips.</summary>
    internal static class Clips
    {
        public static string Make(string path, int width, int height, int rate, double seconds, bool sound = true)
        {
            var arguments = $"-v error -y -f lavfi -i testsrc2=size={width}x{height}:rate={rate}:duration={seconds.ToString(CultureInfo.InvariantCulture)}";
            if (sound)
                arguments += $" -f lavfi -i sine=frequency=440:duration={seconds.ToString(CultureInfo.InvariantCulture)} -c:a aac";
            Run("ffmpeg", $"{arguments} -c:v libx264 -pix_fmt yuv420p \"{path}\"");
            return path;
        }

        /// <summary>A still photo with a little sensor-like noise and a red square moving across it: a static background and one moving object.</summary>
        public static string MakeMovingSquare(string path, string photo, int width, int height, double seconds)
        {
            var s = seconds.ToString(CultureInfo.InvariantCulture);
            var filter = $"scale={width}:{height},noise=alls=4:allf=t+u,drawbox=x='mod(t*{width / 2}\\,{width - (width / 8)})':y={height / 2}:w={width / 8}:h={width / 8}:color=red:t=fill";
            Run("ffmpeg", $"-v error -y -loop 1 -i \"{photo}\" -vf \"{filter}\" -t {s} -r 30 -c:v libx264 -crf 18 -pix_fmt yuv420p \"{path}\"");
            return path;
        }

        /// <summary>Every frame of a clip as RGB.</summary>
        public static byte[][] Frames(string path, int width, int height)
        {
            var start = new ProcessStartInfo("ffmpeg", $"-v error -i \"{path}\" -f rawvideo -pix_fmt rgb24 -") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            using var buffer = new System.IO.MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(buffer);
            process.WaitForExit();
            var size = width * height * 3;
            var all = buffer.ToArray();
            return Enumerable.Range(0, all.Length / size).Select(i => all.AsSpan(i * size, size).ToArray()).ToArray();
        }

        /// <summary>The same clip in another container; WebM needs its own codecs (VP9 and Opus).</summary>
        public static string Remux(string from, string to, bool webm)
        {
            Run("ffmpeg", webm ? $"-v error -y -i \"{from}\" -c:v libvpx-vp9 -deadline realtime -c:a libopus \"{to}\"" : $"-v error -y -i \"{from}\" -c copy \"{to}\"");
            return to;
        }

        public static JsonElement Probe(string path)
            => JsonDocument.Parse(Run("ffprobe", $"-v error -count_frames -show_entries stream=codec_type,codec_name,width,height,r_frame_rate,nb_read_frames:format=duration,format_name -of json \"{path}\"")).RootElement.Clone();

        public static JsonElement Stream(JsonElement probe, string type)
            => probe.GetProperty("streams").EnumerateArray().First(s => s.GetProperty("codec_type").GetString() == type);

        public static byte[] Frame(string path, int index, int width, int height)
        {
            var start = new ProcessStartInfo("ffmpeg", $"-v error -i \"{path}\" -vf select=eq(n\\,{index}) -vframes 1 -f rawvideo -pix_fmt rgb24 -")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            using var buffer = new System.IO.MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(buffer);
            process.WaitForExit();
            if (buffer.Length != width * height * 3)
                throw new InvalidOperationException($"frame {index} of {path} has {buffer.Length} bytes, not {width * height * 3}");
            return buffer.ToArray();
        }

        /// <summary>
        /// Flicker as docs/video.md defines it: on pixels whose input changed by at most 2 between consecutive
        /// frames, the mean change of the input and of the output; and on pixels whose input changed by 24 or
        /// more, the mean difference between the output and a reference output (its own stylization).
        /// </summary>
        public static (double Input, double Output, double Moved) Flicker(byte[][] input, byte[][] output, byte[][]? reference)
        {
            double inputSum = 0, outputSum = 0, movedSum = 0;
            long still = 0, moving = 0;
            for (var t = 1; t < Math.Min(input.Length, output.Length); t++)
            {
                for (var i = 0; i < input[t].Length; i += 3)
                {
                    var change = Math.Max(Math.Abs(input[t][i] - input[t - 1][i]), Math.Max(Math.Abs(input[t][i + 1] - input[t - 1][i + 1]), Math.Abs(input[t][i + 2] - input[t - 1][i + 2])));
                    for (var c = 0; c < 3; c++)
                    {
                        if (change <= 2)
                        {
                            inputSum += Math.Abs(input[t][i + c] - input[t - 1][i + c]);
                            outputSum += Math.Abs(output[t][i + c] - output[t - 1][i + c]);
                            still++;
                        }
                        else if (change >= 24 && reference != null)
                        {
                            movedSum += Math.Abs(output[t][i + c] - reference[t][i + c]);
                            moving++;
                        }
                    }
                }
            }

            return (inputSum / still, outputSum / still, moving == 0 ? 0 : movedSum / moving);
        }

        public static int RunningFfmpegs() => Process.GetProcessesByName("ffmpeg").Length;

        private static string Run(string program, string arguments)
        {
            var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start; install ffmpeg (apt-get install -y ffmpeg), as .ci/run does.");
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{program} {arguments} failed: {errors.Result}");
            return output;
        }
    }
}
