using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AnimeGan.Cli.Tests.CommandTests
{
    /// <summary>
    /// `animegan serve` whose temporary folder is a 3 MB tmpfs (mounted by the test, which runs as root as CI
    /// does) with a disk budget larger than that: the disk itself fills. An upload that does not fit and a result
    /// that does not fit are each answered with 507 and a reason, the jobs stream ending with its error line,
    /// never a bare stop or a 500, and the server goes on serving.
    /// </summary>
    public sealed class TheServeProcessOnAFullDisk : IDisposable
    {
        private readonly TemporaryDirectory _folder = new TemporaryDirectory();
        private readonly BlockingCollection<string> _output = new BlockingCollection<string>();
        private readonly string _disk;
        private Process? _server;

        public TheServeProcessOnAFullDisk()
        {
            _disk = _folder.File("disk");
            Directory.CreateDirectory(_disk);
            Run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", _disk);
        }

        public void Dispose()
        {
            if (_server is { HasExited: false })
                _server.Kill(entireProcessTree: true);
            _server?.WaitForExit();
            _server?.Dispose();
            Run("umount", _disk);
            _folder.Dispose();
        }

        [Fact]
        public async Task ShouldAnswer507ForAnUploadOrAResultThatFindsNoRoomAndGoOn()
        {
            using var client = Start();
            var photo = File.ReadAllBytes(TestImages.WritePhoto(TestFiles.Rickshaw, _folder.File("photo.jpg"), 1280));

            // 1280 x 853 keeps 6.5 MB of pixels: the upload fits, the kept result does not.
            using (var job = await client.PostAsync("/api/jobs", Form(photo, "street.jpg")))
            {
                Assert.Equal(HttpStatusCode.OK, job.StatusCode);
                var last = (await job.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
                var error = JsonDocument.Parse(last).RootElement.GetProperty("error");
                Assert.Equal(507, error.GetProperty("status").GetInt32());
                Assert.Equal("street.jpg: the server's disk is full; try again later, or send a smaller picture.", error.GetProperty("detail").GetString());
            }

            // A 4 MB upload does not fit at all: refused as it arrives.
            using (var refused = await client.PostAsync("/api/convert", Form(new byte[4 * 1048576], "big.png")))
            {
                Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
                Assert.Contains("the server's disk is full", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            // Nothing of either is left on the disk, and a small photo still converts.
            Assert.Empty(Directory.GetFiles(_disk, "*", SearchOption.AllDirectories));
            using var small = await client.PostAsync("/api/convert", Form(File.ReadAllBytes(TestImages.WritePhoto(TestFiles.Rickshaw, _folder.File("small.jpg"), 200)), "small.jpg"));
            Assert.Equal(HttpStatusCode.OK, small.StatusCode);
            Assert.DoesNotContain(_output, line => line.Contains("fail:", StringComparison.Ordinal));
        }

        private HttpClient Start()
        {
            var (server, address, _) = ChildProcesses.StartServe(TestModels.Folder, new[] { "--drain-seconds", "0", "--max-disk-mb", "100" }, _output, ("TMPDIR", _disk), ("DOTNET_EnableDiagnostics", "0"));
            _server = server;
            return new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(3) };
        }

        private static MultipartFormDataContent Form(byte[] bytes, string name)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            return new MultipartFormDataContent { { file, "image", name }, { new StringContent("false"), "faces" }, { new StringContent("256"), "maxSize" } };
        }

        private static void Run(string program, params string[] arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{program} {string.Join(" ", arguments)}: {error}");
        }
    }
}
