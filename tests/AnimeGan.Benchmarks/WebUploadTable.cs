using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// A 24 MP photo through `animegan serve` against the CLI, at the same default settings (hayao, working size
    /// 1024, faces on, full strength, JPEG out):
    /// <list type="bullet">
    /// <item>peak memory: `animegan convert` in a fresh process, against a fresh server that takes the photo through
    /// the jobs API (upload, then the full-size download) and a fresh server that takes it through /api/convert;</item>
    /// <item>time: in one warm server, the jobs path (POST /api/jobs, then GET its full-size result) against
    /// POST /api/convert, alternating rounds, minima compared.</item>
    /// </list>
    /// Needs ./build.sh's artifacts/cli.
    /// </summary>
    internal static class WebUploadTable
    {
        public static void Run(int rounds)
        {
            var cli = Path.Combine(ChildProcesses.Repository(), "artifacts", "cli", "animegan.dll");
            if (!File.Exists(cli))
                throw new InvalidOperationException("Run ./build.sh first: this runs artifacts/cli/animegan.dll.");
            var photo = BenchmarkPhotos.Scene(6000, 4000);
            var bytes = File.ReadAllBytes(photo);
            Console.WriteLine($"6000x4000 JPEG ({bytes.Length / 1048576.0:0.0} MB), default settings, {rounds} alternating rounds, fresh process per peak");

            var peaks = new Dictionary<string, List<double>> { ["CLI convert"] = new(), ["serve, jobs API"] = new(), ["serve, /api/convert"] = new() };
            for (var round = 0; round < rounds; round++)
            {
                peaks["CLI convert"].Add(CliPeak(cli, photo));
                peaks["serve, jobs API"].Add(ServerPeak(cli, bytes, jobs: true));
                peaks["serve, /api/convert"].Add(ServerPeak(cli, bytes, jobs: false));
                Console.WriteLine($"round {round + 1}: " + string.Join(", ", peaks.Select(p => $"{p.Key} {p.Value[^1]:0} MB")));
            }

            PrintMinima("process", "peak working set", peaks, "CLI convert", "{1:0} MB");
            PrintMinima("path, warm server", "time", WarmTimes(cli, bytes, rounds), "/api/convert", "{1:0.00} s");
        }

        /// <summary>A table of each row's minimum over the rounds, and its ratio to the baseline row's minimum.</summary>
        private static void PrintMinima(string what, string measure, Dictionary<string, List<double>> rows, string baseline, string format)
        {
            Console.WriteLine();
            Console.WriteLine($"| {what} | {measure} (min of rounds) | vs {baseline} |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var (name, list) in rows)
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | " + format + " | {2:0.00}x |", name, list.Min(), list.Min() / rows[baseline].Min()));
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        /// <summary>Runs `animegan convert` through this benchmark's `child-peak` mode, which reports its only child's peak.</summary>
        private static double CliPeak(string cli, string photo)
        {
            var output = Path.Combine(BenchmarkPhotos.Folder, "web-cli-out.jpg");
            var self = typeof(WebUploadTable).Assembly.Location;
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { self, "child-peak", "dotnet", cli, "--models", TestModels.Folder, "convert", photo, "-o", output, "--overwrite" })
                start.ArgumentList.Add(argument);
            using var child = Process.Start(start)!;
            var lines = child.StandardOutput.ReadToEnd().Trim().Split('\n');
            child.WaitForExit();
            return double.Parse(lines[^1], CultureInfo.InvariantCulture);
        }

        /// <summary>Runs a command, waits for it, and prints its peak resident set in MB (getrusage of the waited-for children).</summary>
        public static int ChildPeak(string program, IEnumerable<string> arguments)
        {
            var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            using var child = Process.Start(start)!;
            child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            if (getrusage(ChildrenUsage, out var usage) != 0)
                throw new InvalidOperationException("getrusage failed.");
            Console.WriteLine((usage.MaxResidentKilobytes / 1024.0).ToString("0", CultureInfo.InvariantCulture));
            return child.ExitCode;
        }

        private static double ServerPeak(string cli, byte[] photo, bool jobs)
        {
            using var server = Server.Start(cli);
            if (jobs)
                server.JobsPathAsync(photo).GetAwaiter().GetResult();
            else
                server.ConvertAsync(photo).GetAwaiter().GetResult();
            return server.PeakMegabytes();
        }

        private static Dictionary<string, List<double>> WarmTimes(string cli, byte[] photo, int rounds)
        {
            using var server = Server.Start(cli);
            server.ConvertAsync(photo).GetAwaiter().GetResult();
            var times = new Dictionary<string, List<double>> { ["/api/convert"] = new(), ["jobs: convert, then full-size download"] = new() };
            for (var round = 0; round < rounds; round++)
            {
                var watch = Stopwatch.StartNew();
                server.ConvertAsync(photo).GetAwaiter().GetResult();
                times["/api/convert"].Add(watch.Elapsed.TotalSeconds);
                watch.Restart();
                server.JobsPathAsync(photo).GetAwaiter().GetResult();
                times["jobs: convert, then full-size download"].Add(watch.Elapsed.TotalSeconds);
                Console.WriteLine(Invariant($"round {round + 1}: /api/convert {times["/api/convert"][^1]:0.00} s, jobs {times["jobs: convert, then full-size download"][^1]:0.00} s"));
            }

            return times;
        }

        /// <summary>A fresh `animegan serve` on a free loopback port, stopped with SIGTERM.</summary>
        private sealed class Server : IDisposable
        {
            private readonly Process _process;
            private readonly HttpClient _client;

            private Server(Process process, int port)
            {
                _process = process;
                _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
            }

            public static Server Start(string cli)
            {
                var port = ChildProcesses.FreePort();
                var lines = new BlockingCollection<string>();
                var process = ChildProcesses.Start("dotnet", new[] { cli, "--models", TestModels.Folder, "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--drain-seconds", "0" }, lines);
                ChildProcesses.WaitFor(lines, "serving at");
                return new Server(process, port);
            }

            public async Task ConvertAsync(byte[] photo)
            {
                using var response = await _client.PostAsync(new Uri("/api/convert", UriKind.Relative), Form(photo)).ConfigureAwait(false);
                await Drain(response).ConfigureAwait(false);
            }

            public async Task JobsPathAsync(byte[] photo)
            {
                string? id = null;
                using (var response = await _client.PostAsync(new Uri("/api/jobs", UriKind.Relative), Form(photo)).ConfigureAwait(false))
                {
                    var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        using var json = JsonDocument.Parse(line);
                        if (json.RootElement.TryGetProperty("done", out var done))
                            id = done.GetProperty("id").GetString();
                    }

                    if (id == null)
                        throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
                }

                using (var result = await _client.GetAsync(new Uri($"/api/jobs/{id}/result", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false))
                    await Drain(result).ConfigureAwait(false);
                using var removed = await _client.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative)).ConfigureAwait(false);
            }

            /// <summary>The server's peak resident set so far (VmHWM), read while it is still running.</summary>
            public double PeakMegabytes()
            {
                var line = File.ReadAllLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }

            private static MultipartFormDataContent Form(byte[] photo)
            {
                var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(photo);
                file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                form.Add(file, "image", "photo.jpg");
                return form;
            }

            private static async Task Drain(HttpResponseMessage response)
            {
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
                using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                await body.CopyToAsync(Stream.Null).ConfigureAwait(false);
            }

            public void Dispose()
            {
                _client.Dispose();
                ChildProcesses.Signal(_process, "TERM");
                if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
                    _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
                _process.Dispose();
            }
        }

        private const int ChildrenUsage = -1;

        [DllImport("libc", SetLastError = true)]
        private static extern int getrusage(int who, out ResourceUsage usage);

        /// <summary>Linux x64's struct rusage: two timevals, then the peak resident set in kilobytes, then fourteen more longs.</summary>
        [StructLayout(LayoutKind.Sequential)]
        private struct ResourceUsage
        {
            public long UserSeconds;
            public long UserMicroseconds;
            public long SystemSeconds;
            public long SystemMicroseconds;
            public long MaxResidentKilobytes;
            [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
            public long[] Rest;
        }
    }
}
