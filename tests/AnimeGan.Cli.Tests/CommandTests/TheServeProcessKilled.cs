using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace AnimeGan.Cli.Tests.CommandTests
{
    /// <summary>
    /// `animegan serve` killed with SIGKILL while it keeps a result cannot clean up after itself; the next server of
    /// the same user, starting, removes what it left (uploads and results), and stops clean itself.
    /// </summary>
    public sealed class TheServeProcessKilled : IDisposable
    {
        private readonly TemporaryDirectory _folder = new TemporaryDirectory();
        private readonly FreshProfile _profile = new FreshProfile();
        private readonly List<Process> _servers = new List<Process>();

        private string UserRoot => Path.Combine(_profile.Temp, "animegan-serve-" + Environment.UserName);

        public void Dispose()
        {
            foreach (var server in _servers)
            {
                if (!server.HasExited)
                    server.Kill(entireProcessTree: true);
                server.Dispose();
            }

            _folder.Dispose();
            _profile.Dispose();
        }

        [Fact]
        public async Task ShouldLeaveItsFilesForTheNextServerToRemove()
        {
            var (killed, _, address) = Start();
            using (var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(3) })
            using (var converted = await client.PostAsync("/api/jobs", Form()))
                Assert.Contains("\"done\"", await converted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var left = Assert.Single(Directory.GetDirectories(UserRoot));
            Assert.NotEmpty(Directory.GetFiles(left, "*", SearchOption.AllDirectories));

            killed.Kill();
            await killed.WaitForExitAsync();
            Assert.True(Directory.Exists(left), "a killed server cannot have removed its own files");

            var (next, printed, _) = Start();
            Assert.Contains(printed, l => l.Contains("Removed 1 folders of uploads and results left by servers that stopped without cleaning up.", StringComparison.Ordinal));
            Assert.False(Directory.Exists(left));
            var own = Assert.Single(Directory.GetDirectories(UserRoot));
            Assert.StartsWith(next.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-", Path.GetFileName(own), StringComparison.Ordinal);

            ChildProcesses.Signal(next, "TERM");
            await next.WaitForExitAsync();
            Assert.Equal(0, next.ExitCode);
            Assert.Empty(Directory.GetFileSystemEntries(UserRoot));
        }

        /// <summary>Starts a server on the test's own home and temporary folders; returns it, what it printed until it listened, and its address.</summary>
        private (Process Server, IReadOnlyList<string> Printed, string Address) Start()
        {
            var (server, address, printed) = ChildProcesses.StartServe(TestModels.Folder, new[] { "--drain-seconds", "0" }, new BlockingCollection<string>(), _profile.Environment);
            _servers.Add(server);
            return (server, printed, address);
        }

        private MultipartFormDataContent Form()
        {
            var photo = new ByteArrayContent(File.ReadAllBytes(TestImages.WritePhoto(TestFiles.Rickshaw, _folder.File("photo.jpg"), 320)));
            photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            return new MultipartFormDataContent { { photo, "image", "photo.jpg" }, { new StringContent("false"), "faces" } };
        }
    }
}
