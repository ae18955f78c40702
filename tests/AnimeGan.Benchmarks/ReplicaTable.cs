using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace AnimeGan.Benchmarks
{
    /// <summary>
    /// Throughput of `animegan serve` through HAProxy (deploy/haproxy.cfg): one replica whose model runs use
    /// both cores, against two replicas pinned to one core each (taskset, so each runs its model on one
    /// thread). The same photos are posted to /api/convert, 4 at a time; the two layouts alternate round by
    /// round, and the minimum wall time of each is compared. Needs ./build.sh's artifacts/cli and haproxy.
    /// </summary>
    internal static class ReplicaTable
    {
        private const int Photos = 16;

        public static void Run(int rounds)
        {
            var cli = Path.Combine(ChildProcesses.Repository(), "artifacts", "cli", "animegan.dll");
            if (!File.Exists(cli))
                throw new InvalidOperationException("Run ./build.sh first: the replicas run artifacts/cli/animegan.dll.");
            using var folder = new TemporaryDirectory();
            var photo = TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("photo.jpg"), 1280);
            var bytes = File.ReadAllBytes(photo);
            var times = new Dictionary<string, List<double>> { ["1 replica x 2 threads"] = new List<double>(), ["2 replicas x 1 thread"] = new List<double>() };
            for (var round = 0; round < rounds; round++)
            {
                foreach (var layout in times.Keys)
                {
                    var seconds = Measure(cli, bytes, twoReplicas: layout.StartsWith('2'));
                    times[layout].Add(seconds);
                    Console.WriteLine($"round {round + 1}, {layout}: {seconds:0.0} s for {Photos} photos");
                }
            }

            Console.WriteLine();
            Console.WriteLine($"| layout | min wall time, {Photos} photos | photos/s |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var (layout, list) in times)
                Console.WriteLine($"| {layout} | {list.Min():0.0} s | {Photos / list.Min():0.00} |");
            Console.WriteLine($"Ratio of minima (2 replicas / 1 replica throughput): {times["1 replica x 2 threads"].Min() / times["2 replicas x 1 thread"].Min():0.00}x");
        }

        private static double Measure(string cli, byte[] photo, bool twoReplicas)
        {
            var processes = new List<Process>();
            try
            {
                var proxyPort = ChildProcesses.FreePort();
                var ports = twoReplicas ? new[] { ChildProcesses.FreePort(), ChildProcesses.FreePort() } : new[] { ChildProcesses.FreePort() };
                for (var i = 0; i < ports.Length; i++)
                {
                    var arguments = new List<string>();
                    var program = "dotnet";
                    if (twoReplicas)
                    {
                        program = "taskset";
                        arguments.AddRange(new[] { "-c", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "dotnet" });
                    }

                    arguments.AddRange(new[] { cli, "--models", TestModels.Folder, "serve", "--port", $"{ports[i]}", "--jobs", "1", "--allowed-hosts", "anime.test", "--drain-seconds", "0" });
                    processes.Add(Start(program, arguments, "serving at"));
                }

                var replica2 = ports.Length > 1 ? ports[1] : ports[0];
                processes.Add(Start("haproxy", new[] { "-db", "-f", Path.Combine(ChildProcesses.Repository(), "deploy", "haproxy.cfg") }, null, ("ANIMEGAN_LISTEN", $"127.0.0.1:{proxyPort}"), ("ANIMEGAN_REPLICA_1", $"127.0.0.1:{ports[0]}"), ("ANIMEGAN_REPLICA_2", $"127.0.0.1:{replica2}")));
                WaitUntilListening(proxyPort);
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{proxyPort}"), Timeout = TimeSpan.FromMinutes(5) };
                client.DefaultRequestHeaders.Host = "anime.test";

                // One conversion first on each replica, so model loading is not timed.
                Task.WaitAll(ports.Select(_ => Post(client, photo)).ToArray());
                var watch = Stopwatch.StartNew();
                using var gate = new SemaphoreSlim(4);
                Task.WaitAll(Enumerable.Range(0, Photos).Select(async _ =>
                {
                    await gate.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        await Post(client, photo).ConfigureAwait(false);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }).ToArray());
                return watch.Elapsed.TotalSeconds;
            }
            finally
            {
                // SIGTERM, so each replica removes its temporary area as it stops; a kill would leave it behind.
                foreach (var process in processes.Where(p => !p.HasExited))
                    ChildProcesses.Signal(process, "TERM");
                foreach (var process in processes)
                {
                    if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
                        process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                    process.Dispose();
                }
            }
        }

        private static async Task Post(HttpClient client, byte[] photo)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "image", "photo.jpg");
            form.Add(new StringContent("false"), "faces");
            using var response = await client.PostAsync(new Uri("/api/convert", UriKind.Relative), form).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }

        /// <summary>Starts a process and, when asked, waits for the line that says it is ready.</summary>
        private static Process Start(string program, IEnumerable<string> arguments, string? readyLine, params (string Name, string Value)[] environment)
        {
            var lines = new BlockingCollection<string>();
            var process = ChildProcesses.Start(program, arguments, lines, environment);
            if (readyLine != null)
                ChildProcesses.WaitFor(lines, readyLine);
            return process;
        }

        /// <summary>HAProxy says nothing when it is ready: connect until it accepts (a benchmark, not a test).</summary>
        private static void WaitUntilListening(int port)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                try
                {
                    using var probe = new TcpClient();
                    probe.Connect(IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(100);
                }
            }

            throw new InvalidOperationException($"Nothing listens on port {port}.");
        }
    }
}
