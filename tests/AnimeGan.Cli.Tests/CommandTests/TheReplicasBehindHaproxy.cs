using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit.Abstractions;

namespace AnimeGan.Cli.Tests.CommandTests
{
    /// <summary>
    /// Two `animegan serve` replicas behind Debian's HAProxy with deploy/haproxy.cfg, all on 127.0.0.1: requests
    /// for a public name, some stateless and some page-style jobs, while one replica is stopped with SIGTERM.
    /// </summary>
    public sealed class TheReplicasBehindHaproxy : IDisposable
    {
        private const string PublicName = "anime.test";
        private readonly ITestOutputHelper _log;
        private readonly List<Process> _processes = new List<Process>();
        private readonly TemporaryDirectory _folder = new TemporaryDirectory();

        public TheReplicasBehindHaproxy(ITestOutputHelper log) => _log = log;

        public void Dispose()
        {
            foreach (var process in _processes)
            {
                if (!process.HasExited)
                    process.Kill(entireProcessTree: true);
                process.Dispose();
            }

            _folder.Dispose();
        }

        [Fact]
        public async Task ShouldAnswerEveryRequestWhileAReplicaDrainsAndNeverServeAnotherUsersResult()
        {
            var ports = new[] { ChildProcesses.FreePort(), ChildProcesses.FreePort(), ChildProcesses.FreePort() };
            var proxyLog = new BlockingCollection<string>();

            // The proxy first: it reports each replica down, then up once its /readyz answers (known points).
            var proxy = Start("haproxy", new[] { "-db", "-f", Path.Combine(ChildProcesses.Repository(), "deploy", "haproxy.cfg") }, proxyLog, ("ANIMEGAN_LISTEN", $"127.0.0.1:{ports[0]}"), ("ANIMEGAN_REPLICA_1", $"127.0.0.1:{ports[1]}"), ("ANIMEGAN_REPLICA_2", $"127.0.0.1:{ports[2]}"));
            ChildProcesses.WaitFor(proxyLog, "replicas/r2 is DOWN");
            var logs = new[] { new BlockingCollection<string>(), new BlockingCollection<string>() };
            var replicas = new[] { Replica("r1", ports[1], logs[0]), Replica("r2", ports[2], logs[1]) };
            ChildProcesses.WaitFor(proxyLog, "replicas/r1 is UP", "replicas/r2 is UP");

            // 40 requests, 4 at a time; after the 20th has its answer, replica r1 is sent SIGTERM.
            var statuses = new ConcurrentBag<HttpStatusCode>();
            var wrongResults = new ConcurrentBag<int>();
            var completed = 0;
            using var gate = new SemaphoreSlim(4);
            var requests = Enumerable.Range(0, 40).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var (status, width) = i % 2 == 0 ? await ConvertAsync(ports[0], i) : await JobAsync(ports[0], i);
                    statuses.Add(status);
                    if (status == HttpStatusCode.OK && width != Width(i))
                        wrongResults.Add(i);
                    if (Interlocked.Increment(ref completed) == 20)
                        ChildProcesses.Signal(replicas[0], "TERM");
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            await Task.WhenAll(requests);

            Assert.True(replicas[0].WaitForExit(TimeSpan.FromSeconds(90)), "r1 did not end within its drain");
            var counts = statuses.GroupBy(s => s).ToDictionary(g => (int)g.Key, g => g.Count());
            _log.WriteLine("status codes: " + string.Join(", ", counts.Select(c => $"{c.Key} x {c.Value}")) + $"; r1 exit {replicas[0].ExitCode}");
            Assert.Equal(new Dictionary<int, int> { [200] = 40 }, counts);
            Assert.Empty(wrongResults);
            Assert.Equal(0, replicas[0].ExitCode);
            Assert.Contains(logs[0], line => line.Contains("Stopped.", StringComparison.Ordinal));
            ChildProcesses.Signal(replicas[1], "TERM");
            Assert.True(replicas[1].WaitForExit(TimeSpan.FromSeconds(90)));
            proxy.Kill();
        }

        /// <summary>Each request's photo has its own width, so a result can be told from another user's.</summary>
        private static int Width(int request) => 240 + (8 * request);

        private async Task<(HttpStatusCode Status, int Width)> ConvertAsync(int proxyPort, int request)
        {
            using var client = Client(proxyPort);
            using var response = await client.PostAsync("/api/convert", Form(request));
            return (response.StatusCode, response.IsSuccessStatusCode ? WidthOf(await response.Content.ReadAsByteArrayAsync()) : 0);
        }

        /// <summary>What the page does: create a job (its stages stream back), then download the result, with the cookies the servers set.</summary>
        private async Task<(HttpStatusCode Status, int Width)> JobAsync(int proxyPort, int request)
        {
            using var client = Client(proxyPort);
            using var created = await client.PostAsync("/api/jobs", Form(request));
            if (!created.IsSuccessStatusCode)
                return (created.StatusCode, 0);
            var lines = (await created.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var last = JsonDocument.Parse(lines[^1]).RootElement;
            if (!last.TryGetProperty("done", out var done))
                return (HttpStatusCode.InternalServerError, 0);
            using var result = await client.GetAsync($"/api/jobs/{done.GetProperty("id").GetString()}/result");
            return (result.StatusCode, result.IsSuccessStatusCode ? WidthOf(await result.Content.ReadAsByteArrayAsync()) : 0);
        }

        private MultipartFormDataContent Form(int request)
        {
            var photo = TestImages.WritePhoto(TestFiles.Rickshaw, _folder.File($"p{request}.jpg"), Width(request));
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(File.ReadAllBytes(photo));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "image", $"p{request}.jpg");
            form.Add(new StringContent("256"), "maxSize");
            form.Add(new StringContent("false"), "faces");
            return form;
        }

        private static HttpClient Client(int proxyPort)
        {
            var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri($"http://127.0.0.1:{proxyPort}"), Timeout = TimeSpan.FromMinutes(3) };
            client.DefaultRequestHeaders.Host = PublicName;
            return client;
        }

        private static int WidthOf(byte[] picture)
        {
            using var image = new MagickImage(picture);
            return (int)image.Width;
        }

        private Process Start(string program, IEnumerable<string> arguments, BlockingCollection<string> lines, params (string Name, string Value)[] environment)
        {
            var process = ChildProcesses.Start(program, arguments, lines, environment);
            _processes.Add(process);
            return process;
        }

        private Process Replica(string id, int port, BlockingCollection<string> output)
        {
            var replica = Start(
                Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
                new[] { Path.Combine(AppContext.BaseDirectory, "animegan.dll"), "--models", TestModels.Folder, "serve", "--port", $"{port}", "--jobs", "1", "--replica-id", id, "--allowed-hosts", PublicName, "--known-networks", "127.0.0.0/8", "--drain-seconds", "60" },
                output);
            ChildProcesses.WaitFor(output, "serving at");
            return replica;
        }
    }
}
