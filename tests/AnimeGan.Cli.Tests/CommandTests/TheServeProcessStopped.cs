using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AnimeGan.Cli.Tests.CommandTests
{
    /// <summary>
    /// `animegan serve` sent SIGTERM or Ctrl+C while a conversion is in one stage, held there by the server's
    /// stage hold (a known point, not a moment): it cancels the conversion, tells the client, removes every file
    /// it made (its temporary folder is its own, through TMPDIR), prints "Stopped." and exits 0.
    /// </summary>
    public sealed class TheServeProcessStopped : IDisposable
    {
        private readonly TemporaryDirectory _folder = new TemporaryDirectory();
        private readonly FreshProfile _profile = new FreshProfile();
        private readonly BlockingCollection<string> _output = new BlockingCollection<string>();
        private Process? _server;

        public void Dispose()
        {
            if (_server is { HasExited: false })
                _server.Kill(entireProcessTree: true);
            _server?.Dispose();
            _folder.Dispose();
            _profile.Dispose();
        }

        [Theory]
        [InlineData("Reading", "TERM")]
        [InlineData("Stylizing", "TERM")]
        [InlineData("Writing", "TERM")]
        [InlineData("Writing", "INT")]
        public async Task ShouldCancelAConversionInAnyStageRemoveItsFilesAndExitZero(string stage, string signal)
        {
            using var client = Start(("AnimeGan__HoldAtStage", stage));
            using var job = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = Form(new ByteArrayContent(File.ReadAllBytes(Photo()))) }, HttpCompletionOption.ResponseHeadersRead);
            using var lines = new StreamReader(await job.Content.ReadAsStreamAsync());
            var wanted = JsonSerializer.Serialize(new { stage = ConversionStages.Describe(Enum.Parse<ConversionStage>(stage)) });
            while (await lines.ReadLineAsync() is string line && line != wanted)
            {
            }

            ChildProcesses.Signal(_server!, signal);

            var last = (await lines.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            var error = JsonDocument.Parse(last).RootElement.GetProperty("error");
            Assert.Equal(503, error.GetProperty("status").GetInt32());
            Assert.Contains("photo.jpg: the server stopped", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
            await AssertStoppedCleanAsync();
        }

        [Fact]
        public async Task ShouldRemoveAHalfReceivedUploadWhenStoppedAndExitZero()
        {
            using var client = Start(("AnimeGan__HoldAtStage", "Uploading"));
            var send = client.PostAsync("/api/jobs", Form(new ByteArrayContent(File.ReadAllBytes(Photo()))));
            ChildProcesses.WaitFor(_output, "held at stage Uploading");

            ChildProcesses.Signal(_server!, "TERM");
            using (var response = await send)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Contains("stopped before the upload finished", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            await AssertStoppedCleanAsync();
        }

        [Fact]
        public async Task ShouldStopAtOnceOnItsOwnThoughAResultIsNotYetDownloaded()
        {
            // No --drain-seconds and no --replica-id: a person's own server waits for no download.
            using var client = Start(Array.Empty<string>());
            using (var job = await client.PostAsync("/api/jobs", Form(new ByteArrayContent(File.ReadAllBytes(Photo())))))
                Assert.Contains("\"done\"", await job.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            ChildProcesses.Signal(_server!, "INT");

            await AssertStoppedCleanAsync();
            Assert.DoesNotContain(_output, line => line.Contains("Stopping: not ready", StringComparison.Ordinal));
        }

        [Fact]
        public async Task ShouldStopAtOnceOnASecondCtrlCWhileItDrains()
        {
            // A drain of ten minutes, and a conversion held in it: only the second Ctrl+C can end it in a test's time.
            using var client = Start(new[] { "--drain-seconds", "600" }, ("AnimeGan__HoldAtStage", "Stylizing"));
            using var job = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = Form(new ByteArrayContent(File.ReadAllBytes(Photo()))) }, HttpCompletionOption.ResponseHeadersRead);
            using var lines = new StreamReader(await job.Content.ReadAsStreamAsync());
            var wanted = JsonSerializer.Serialize(new { stage = ConversionStages.Describe(ConversionStage.Stylizing) });
            while (await lines.ReadLineAsync() is string line && line != wanted)
            {
            }

            ChildProcesses.Signal(_server!, "INT");
            ChildProcesses.WaitFor(_output, "1 conversions in flight may finish within 600 s (Ctrl+C again stops at once)");
            ChildProcesses.Signal(_server!, "INT");

            var last = (await lines.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            Assert.Equal(503, JsonDocument.Parse(last).RootElement.GetProperty("error").GetProperty("status").GetInt32());
            await AssertStoppedCleanAsync();
        }

        private HttpClient Start(params (string Name, string Value)[] environment) => Start(new[] { "--drain-seconds", "0" }, environment);

        private HttpClient Start(string[] options, params (string Name, string Value)[] environment)
        {
            // The server's home and temporary folders are the test's own, and the runtime's diagnostic pipes stay out of them.
            var (server, address, _) = ChildProcesses.StartServe(TestModels.Folder, options, _output, environment.Concat(_profile.Environment).ToArray());
            _server = server;
            return new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(3) };
        }

        private async Task AssertStoppedCleanAsync()
        {
            await _server!.WaitForExitAsync();
            var printed = string.Join("\n", _output);
            Assert.True(_server.ExitCode == 0, $"exit {_server.ExitCode}:\n{printed}");
            Assert.Contains("Stopped.", printed, StringComparison.Ordinal);
            // Nothing left: no upload, no partial result, no framework buffer, no telemetry (ONNX Runtime's session
            // file '.ses' here, its device id and event queue in the home folder); only this user's (empty) root of
            // server folders.
            Assert.Equal(new[] { "animegan-serve-" + Environment.UserName }, _profile.LeftInTemp());
            Assert.Empty(_profile.LeftInHome());
        }

        private string Photo() => TestImages.WritePhoto(TestFiles.Rickshaw, _folder.File("photo.jpg"), 1280);

        private static MultipartFormDataContent Form(HttpContent photo)
        {
            photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            return new MultipartFormDataContent { { photo, "image", "photo.jpg" }, { new StringContent("false"), "faces" } };
        }

    }
}
