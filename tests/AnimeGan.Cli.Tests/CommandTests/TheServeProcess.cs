using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace AnimeGan.Cli.Tests.CommandTests
{
    /// <summary>`animegan serve` as a process a load balancer or an orchestrator stops with SIGTERM.</summary>
    public class TheServeProcess
    {
        [Fact]
        public async Task ShouldDrainOnSigtermThenExitZero()
        {
            using var folder = new TemporaryDirectory();
            using var server = StartServe(TestModels.Folder, new[] { "--drain-seconds", "120" });
            var errors = server.StandardError.ReadToEndAsync();
            try
            {
                var address = new Uri(Regex.Match(ReadUntil(server, "serving at"), @"http://\S+").Value);
                using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(3) };

                // A long conversion, in its model run: a known point, not a moment.
                var photo = TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("big.jpg"), 1280);
                using var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(File.ReadAllBytes(photo));
                file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                form.Add(file, "image", "big.jpg");
                form.Add(new StringContent("1280"), "maxSize");
                form.Add(new StringContent("hayao-v2"), "style");
                form.Add(new StringContent("false"), "faces");
                using var job = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = form }, HttpCompletionOption.ResponseHeadersRead);
                using var lines = new StreamReader(await job.Content.ReadAsStreamAsync());
                while (await lines.ReadLineAsync() is string line && !line.Contains("stylizing", StringComparison.Ordinal))
                {
                }

                ChildProcesses.Signal(server, "TERM");
                ReadUntil(server, "Stopping:");

                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
                using (var refused = await client.PostAsync("/api/convert", new MultipartFormDataContent()))
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                    Assert.NotNull(refused.Headers.RetryAfter);
                }

                var done = await lines.ReadToEndAsync();
                Assert.Contains("\"done\"", done, StringComparison.Ordinal);
                var id = System.Text.Json.JsonDocument.Parse(done.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement.GetProperty("done").GetProperty("id").GetString();
                using (var result = await client.GetAsync($"/api/jobs/{id}/result"))
                    Assert.Equal(HttpStatusCode.OK, result.StatusCode);
                var rest = await server.StandardOutput.ReadToEndAsync();
                await server.WaitForExitAsync();
                Assert.True(server.ExitCode == 0, rest + await errors);
                Assert.Contains("Stopped.", rest, StringComparison.Ordinal);
            }
            finally
            {
                if (!server.HasExited)
                    server.Kill(entireProcessTree: true);
            }
        }

        [Fact]
        public async Task ShouldLogOneJsonObjectALineWithAnAccessLineWithoutTheQuery()
        {
            using var server = StartServe(TestModels.Folder, new[] { "--log-format", "json" });
            var errors = server.StandardError.ReadToEndAsync();
            try
            {
                // Every event up to the address (the host may log one before it), each of them JSON too.
                var printed = new List<string>();
                do
                    printed.Add(server.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The server ended before printing its address:\n" + string.Join("\n", printed)));
                while (!printed[^1].Contains("serving at", StringComparison.Ordinal));
                var address = new Uri(Regex.Match(printed[^1], @"http://[^\s""]+").Value);
                using (var client = new HttpClient { BaseAddress = address })
                {
                    Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/styles?token=do-not-log-this-0123")).StatusCode);
                    using var unknown = new HttpRequestMessage(HttpMethod.Get, "/");
                    unknown.Headers.Host = "evil.example";
                    Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(unknown)).StatusCode);
                }

                ChildProcesses.Signal(server, "TERM");
                var lines = printed.Concat((await server.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
                await server.WaitForExitAsync();

                Assert.Equal(0, server.ExitCode);
                var events = lines.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).ToList();
                var access = events.Where(e => e.GetProperty("Category").GetString() == "AnimeGan.Access").Select(e => e.GetProperty("Message").GetString()!).ToList();
                Assert.Contains(access, m => m.StartsWith("GET /api/styles 200 ", StringComparison.Ordinal));
                Assert.Contains(access, m => m.StartsWith("GET / 400 ", StringComparison.Ordinal));
                Assert.DoesNotContain(lines, l => l.Contains("do-not-log-this", StringComparison.Ordinal));
                Assert.Equal("Stopped.", events[^1].GetProperty("Message").GetString());
                Assert.Equal(string.Empty, await errors);
            }
            finally
            {
                if (!server.HasExited)
                    server.Kill(entireProcessTree: true);
            }
        }

        [Fact]
        public async Task ShouldSayInOneLineThatItsTemporaryFolderCannotBeWritten()
        {
            // A read-only root file system and no volume at /tmp; procfs takes no new folder, even from root.
            using var server = StartServe(TestModels.Folder, Array.Empty<string>(), ("TMPDIR", "/proc/sys"));
            var output = server.StandardOutput.ReadToEndAsync();
            var errors = await server.StandardError.ReadToEndAsync();
            await server.WaitForExitAsync();

            Assert.Equal(1, server.ExitCode);
            var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("the temporary folder /proc/sys/ cannot be written", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", await output, StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldSayAtStartThatItIsNotReadyWithoutTheDefaultStyle()
        {
            // A models volume holding another style only: alive, but /readyz says 503 until hayao is there.
            using var folder = new TemporaryDirectory();
            var cute = TestModels.Store.Manifest.Get("cute");
            Directory.CreateDirectory(folder.File("models"));
            File.Copy(TestModels.Store.GetVerifiedPath(cute), Path.Combine(folder.File("models"), cute.FileName));
            using var server = StartServe(folder.File("models"), Array.Empty<string>());
            try
            {
                var warning = server.StandardError.ReadLine();

                Assert.Equal($"warning: the default style 'hayao' is not installed in {folder.File("models")}; the server is not ready (/readyz 503) until it is: animegan models install hayao.", warning);
            }
            finally
            {
                server.Kill(entireProcessTree: true);
            }
        }

        /// <summary>`animegan serve` on a free port with these options, its two streams kept apart for the test to read.</summary>
        private static Process StartServe(string modelsFolder, IEnumerable<string> options, params (string Name, string Value)[] environment)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "animegan.dll"), "--models", modelsFolder, "serve", "--port", "0" }.Concat(options))
                start.ArgumentList.Add(argument);
            foreach (var (name, value) in environment)
                start.Environment[name] = value;
            return Process.Start(start)!;
        }

        private static string ReadUntil(Process process, string text)
        {
            while (process.StandardOutput.ReadLine() is string line)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                    return line;
            }

            throw new InvalidOperationException($"The server ended before printing '{text}'.");
        }
    }
}
