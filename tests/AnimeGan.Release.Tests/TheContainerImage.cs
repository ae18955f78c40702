using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace AnimeGan.Release.Tests
{
    /// <summary>
    /// The image as a server admin runs it: loaded from the release's archive, started detached with a port
    /// published on 127.0.0.1 and a token, used through the API, and stopped. podman runs it (CONTAINERS_CONF
    /// from test.sh where the sandbox needs runc and cgroupfs).
    /// </summary>
    public sealed class TheContainerImage : IDisposable
    {
        private const string Token = "release-test-token-0123456789";
        private readonly TemporaryDirectory _folder = new TemporaryDirectory();
        private string? _container;

        public void Dispose()
        {
            if (_container != null)
                Command.Run("podman", new[] { "rm", "--force", "--time", "0", _container });
            _folder.Dispose();
        }

        [Fact]
        public async System.Threading.Tasks.Task ShouldServeAsANonRootUserWithATokenAndStopOnSigterm()
        {
            var image = $"localhost/animegan:{ReleaseFolder.Version}";
            Command.Run("podman", new[] { "load", "--quiet", "--input", ReleaseFolder.Artifact($"animegan-serve-{ReleaseFolder.Version}.image.tar") }).Succeeded();
            var port = ChildProcesses.FreePort();
            _container = Command.Run("podman", new[] { "run", "--detach", "--publish", $"127.0.0.1:{port}:5000", "--env", $"ANIMEGAN_TOKEN={Token}", image }).Succeeded().Out.Trim();

            // Ready when the server says so in its log: a line the program prints once it listens, not a delay.
            WaitForLine(_container, "AnimeGan is serving at");
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

            var photo = TestImages.WritePhoto(TestFiles.Rickshaw, _folder.File("photo.jpg"), 400);
            using (var refused = await PostAsync(client, photo, token: null))
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            using var converted = await PostAsync(client, photo, Token);
            Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
            using (var before = new MagickImage(photo))
            using (var after = new MagickImage(await converted.Content.ReadAsByteArrayAsync()))
            {
                Assert.Equal(before.Width, after.Width);
                Assert.Equal(before.Height, after.Height);
            }

            Assert.Equal("10001", Command.Run("podman", new[] { "exec", _container, "id", "-u" }).Succeeded().Out.Trim());
            // Labels a registry and a scanner read, and no label of the build's own.
            var labels = System.Text.Json.JsonDocument.Parse(Command.Run("podman", new[] { "image", "inspect", "--format", "{{json .Labels}}", image }).Succeeded().Out).RootElement;
            Assert.Equal(ReleaseFolder.Version, labels.GetProperty("org.opencontainers.image.version").GetString());
            Assert.Equal("MIT", labels.GetProperty("org.opencontainers.image.licenses").GetString());
            Assert.Equal("animegan serve", labels.GetProperty("org.opencontainers.image.title").GetString());
            Assert.False(labels.TryGetProperty("rootfs", out _), "the base image's build label leaked into the image");
            // Every package's copyright file ships, ffmpeg's (GPL/LGPL) among them.
            var copyrights = Command.Run("podman", new[] { "exec", _container, "sh", "-c", "ls /usr/share/doc/*/copyright | wc -l; test -f /usr/share/doc/ffmpeg/copyright && echo ffmpeg" }).Succeeded().Out;
            Assert.Contains("ffmpeg", copyrights, StringComparison.Ordinal);
            Assert.True(int.Parse(copyrights.Split('\n')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture) > 100, copyrights);
            Assert.Contains("curl -fsS http://127.0.0.1:5000/healthz", Command.Run("podman", new[] { "inspect", "--format", "{{json .Config.Healthcheck}}", _container }).Succeeded().Out);

            // podman stop sends SIGTERM and kills after 10 s: exit 0 (not 137) means the server ended by itself.
            Command.Run("podman", new[] { "stop", "--time", "10", _container }).Succeeded();
            Assert.Equal("0", Command.Run("podman", new[] { "inspect", "--format", "{{.State.ExitCode}}", _container }).Succeeded().Out.Trim());
            var logs = Command.Run("podman", new[] { "logs", _container }).Out;
            Assert.Contains("Stopped.", logs);
            // The token came from the operator (a variable, as a Secret gives it): it is theirs, and never in the log.
            Assert.DoesNotContain(Token, logs, StringComparison.Ordinal);
            // ONNX Runtime's telemetry is off: its uploader would say it found no CA bundle in this image.
            Assert.DoesNotContain("telemetry", logs, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// As deploy/kubernetes runs it under the "restricted" profile: a read-only root, every capability dropped, no
        /// privilege escalation, and only /tmp writable (an emptyDir there; a tmpfs here), with XDG_DATA_HOME on it.
        /// </summary>
        [Fact]
        public async System.Threading.Tasks.Task ShouldConvertWithAReadOnlyRootAndOnlyTmpWritable()
        {
            var image = $"localhost/animegan:{ReleaseFolder.Version}";
            Command.Run("podman", new[] { "load", "--quiet", "--input", ReleaseFolder.Artifact($"animegan-serve-{ReleaseFolder.Version}.image.tar") }).Succeeded();
            var port = ChildProcesses.FreePort();
            _container = Command.Run("podman", new[]
            {
                "run", "--detach", "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                "--env", "XDG_DATA_HOME=/tmp/data", "--env", $"ANIMEGAN_TOKEN={Token}", "--publish", $"127.0.0.1:{port}:5000", image,
            }).Succeeded().Out.Trim();

            WaitForLine(_container, "AnimeGan is serving at");
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
            var photo = TestImages.WritePhoto(TestFiles.Rickshaw, _folder.File("photo.jpg"), 300);
            using var converted = await PostAsync(client, photo, Token);

            Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        }

        /// <summary>
        /// Under deploy/kubernetes/serve.yaml's memory limit (2 GiB) the server budgets from the container's own
        /// limit, so a 24 MP photo converts; .NET's view alone (75% of it, then 60%) refused even 12 MP.
        /// </summary>
        [Fact]
        public async System.Threading.Tasks.Task ShouldConvertA24MegapixelPhotoUnderATwoGigabyteLimit()
        {
            var image = $"localhost/animegan:{ReleaseFolder.Version}";
            Command.Run("podman", new[] { "load", "--quiet", "--input", ReleaseFolder.Artifact($"animegan-serve-{ReleaseFolder.Version}.image.tar") }).Succeeded();
            var port = ChildProcesses.FreePort();
            _container = Command.Run("podman", new[] { "run", "--detach", "--memory", "2g", "--env", $"ANIMEGAN_TOKEN={Token}", "--publish", $"127.0.0.1:{port}:5000", image }).Succeeded().Out.Trim();
            var photo = _folder.File("24mp.jpg");
            using (var large = new MagickImage(TestFiles.Rickshaw))
            {
                large.Resize(new MagickGeometry(6000, 4000) { IgnoreAspectRatio = true });
                large.Quality = 90;
                large.Write(photo, MagickFormat.Jpeg);
            }

            WaitForLine(_container, "AnimeGan is serving at");
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(3) };
            using var converted = await PostAsync(client, photo, Token, maxSize: null);

            Assert.True(converted.StatusCode == HttpStatusCode.OK, $"{converted.StatusCode}: {await converted.Content.ReadAsStringAsync()}");
            using var result = new MagickImage(await converted.Content.ReadAsByteArrayAsync());
            Assert.Equal((6000u, 4000u), (result.Width, result.Height));
        }

        /// <summary>As OpenShift runs an image: an arbitrary user id in group 0, which must still be able to add a style to /models.</summary>
        [Fact]
        public void ShouldLetAnArbitraryUserInGroupZeroInstallAStyle()
        {
            var image = $"localhost/animegan:{ReleaseFolder.Version}";
            Command.Run("podman", new[] { "load", "--quiet", "--input", ReleaseFolder.Artifact($"animegan-serve-{ReleaseFolder.Version}.image.tar") }).Succeeded();

            var install = Command.Run("podman", new[]
            {
                "run", "--rm", "--user", "12345:0", "--volume", $"{TestFiles.ModelsFolder}:/offline:ro", "--entrypoint", "animegan", image,
                "models", "install", "cute", "--from", "/offline",
            });

            Assert.True(install.ExitCode == 0, install.Out + install.Error);
            Assert.Contains("cute: installed", install.Out, StringComparison.Ordinal);
        }

        private static async System.Threading.Tasks.Task<HttpResponseMessage> PostAsync(HttpClient client, string photo, string? token, string? maxSize = "256")
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(File.ReadAllBytes(photo));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "image", "photo.jpg");
            if (maxSize != null)
                form.Add(new StringContent(maxSize), "maxSize");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/convert", UriKind.Relative)) { Content = form };
            if (token != null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await client.SendAsync(request);
        }

        private static void WaitForLine(string container, string text)
        {
            var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "logs", "--follow", container })
                start.ArgumentList.Add(argument);
            using var logs = Process.Start(start)!;
            var seen = new System.Text.StringBuilder();
            try
            {
                string? line;
                while ((line = logs.StandardOutput.ReadLine()) != null)
                {
                    seen.AppendLine(line);
                    if (line.Contains(text, StringComparison.Ordinal))
                        return;
                }

                throw new InvalidOperationException($"The container ended before printing '{text}':\n{seen}{logs.StandardError.ReadToEnd()}");
            }
            finally
            {
                if (!logs.HasExited)
                    logs.Kill();
            }
        }
    }
}
