using System.Net;
using System.Text.RegularExpressions;
using AnimeGan.Cli.Console;

namespace AnimeGan.Cli.Tests.CommandTests
{
    public class TheServeCommand
    {
        /// <summary>Standard output that hands over the printed address the moment the server prints it.</summary>
        private sealed class AddressWatcher : StringWriter
        {
            public TaskCompletionSource<string> Address { get; } = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

            public override void WriteLine(string? value)
            {
                base.WriteLine(value);
                var match = Regex.Match(value ?? "", @"serving at (\S+)");
                if (match.Success)
                    Address.TrySetResult(match.Groups[1].Value);
            }
        }

        private static async Task<(int Code, string Out)> ServeAsync(Func<Uri, Task> whileRunning, params string[] options)
        {
            var output = new AddressWatcher();
            using var stop = new CancellationTokenSource();
            var args = new[] { "--models", TestModels.Folder, "serve", "--port", "0" };
            var error = new StringWriter();
            var run = CliApp.RunAsync([.. args, .. options], new CliConsole(output, error, false), stop.Token);
            var address = await output.Address.Task.WaitAsync(TimeSpan.FromMinutes(2));
            try
            {
                await whileRunning(new Uri(address));
            }
            finally
            {
                stop.Cancel();
            }

            return (await run, output.ToString() + error.ToString());
        }

        [Fact]
        public async Task ShouldServeThePageAndApiOnLoopbackUntilStopped()
        {
            var (code, printed) = await ServeAsync(async address =>
            {
                Assert.Equal("127.0.0.1", address.Host);
                using var client = new HttpClient { BaseAddress = address };
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
                Assert.Contains("<title>AnimeGan", await client.GetStringAsync("/"));
                Assert.Contains("\"id\":\"hayao\"", await client.GetStringAsync("/api/styles"));
            });

            Assert.Equal(0, code);
            Assert.Contains("Press Ctrl+C to stop.", printed);
            Assert.Contains("Stopped.", printed);
        }

        [Fact]
        public async Task ShouldPrintATokenAddressAndRequireTheTokenBeyondLoopback()
        {
            var (code, printed) = await ServeAsync(async address =>
            {
                Assert.Matches("^\\?token=[0-9a-f]{48}$", address.Query);
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{address.Port}/") };
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/styles")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/styles" + address.Query)).StatusCode);
            }, "--host", "0.0.0.0");

            Assert.Equal(0, code);
            Assert.Contains("Authorization: Bearer", printed);
        }

        [Fact]
        public async Task ShouldTakeTheTokenFromASecretFile()
        {
            using var folder = new TemporaryDirectory();
            var secret = folder.File("token");
            File.WriteAllText(secret, "from-a-secret-file-0123456789\n");

            var (code, printed) = await ServeAsync(async address =>
            {
                Assert.Equal("", address.Query);
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{address.Port}/") };
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/styles");
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "from-a-secret-file-0123456789");
                Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
            }, "--host", "0.0.0.0", "--token-file", secret);

            Assert.Equal(0, code);
            Assert.DoesNotContain("from-a-secret-file", printed, StringComparison.Ordinal);
            Assert.Contains("It needs the access token you set", printed, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ShouldNeverPrintATokenFromTheCommandLineAndWarnThatOthersCanReadIt()
        {
            var (code, printed) = await ServeAsync(async address =>
            {
                Assert.Equal("", address.Query);
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{address.Port}/") };
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/styles?token=given-on-the-command-line-0123")).StatusCode);
            }, "--host", "0.0.0.0", "--token", "given-on-the-command-line-0123");

            Assert.Equal(0, code);
            Assert.DoesNotContain("given-on-the-command-line", printed, StringComparison.Ordinal);
            Assert.Contains("warning: a token given with --token can be read by every user of this machine", printed, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("--port", "70000", "--port must be between 0 and 65535")]
        [InlineData("--jobs", "0", "--jobs must be between 1 and 64")]
        [InlineData("--max-upload-mb", "0", "--max-upload-mb must be between 1 and 1024")]
        [InlineData("--max-memory-mb", "10", "--max-memory-mb must be between 64 and")]
        [InlineData("--max-working-size", "9000", "--max-working-size must be between 16 and 8192")]
        [InlineData("--token", "short", "--token must be at least 16 characters")]
        [InlineData("--token", "aaaaaaaaaaaaaaaa", "--token is too easy to guess: it needs at least 8 different characters")]
        [InlineData("--token", "abababababababababab", "--token is too easy to guess")]
        public async Task ShouldRefuseABadOptionAsAUsageError(string option, string value, string message)
        {
            var run = await CliRun.RunAsync("serve", option, value);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains(message, run.Error);
        }
    }
}
