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
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "animegan.dll"), "--models", TestModels.Folder, "serve", "--port", "0", "--drain-seconds", "120" })
                start.ArgumentList.Add(argument);
            using var server = Process.Start(start)!;
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

                using (var kill = Process.Start("kill", new[] { "-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
                    await kill.WaitForExitAsync();
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
