using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Models;
using AnimeGan.Tests;

namespace AnimeGan.Core.Tests.ModelStoreTests
{
    public class TheInstallMethods
    {
        [Fact]
        public void ShouldInstallFromAFolderAndVerify()
        {
            using var store = new TemporaryDirectory();
            var models = new ModelStore(store.Path);
            var hayao = models.Manifest.Get("hayao");

            Assert.Equal(InstallOutcome.Installed, models.InstallFromFolder(hayao, TestFiles.ModelsFolder));
            Assert.Equal(ModelFileState.Valid, models.Verify(hayao));
            Assert.Equal(InstallOutcome.AlreadyInstalled, models.InstallFromFolder(hayao, TestFiles.ModelsFolder));
            Assert.Equal(new[] { "AnimeGANv3_Hayao_36_fp16.onnx" }, Directory.GetFiles(store.Path).Select(Path.GetFileName));
        }

        [Fact]
        public void ShouldRefuseAFileWhoseHashDiffersAndLeaveNothingBehind()
        {
            using var source = new TemporaryDirectory();
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            var hayao = models.Manifest.Get("hayao");
            var bytes = File.ReadAllBytes(Path.Combine(TestFiles.ModelsFolder, hayao.FileName));
            bytes[bytes.Length / 2] ^= 0xFF;
            File.WriteAllBytes(source.File(hayao.FileName), bytes);

            var ex = Assert.Throws<AnimeGanException>(() => models.InstallFromFolder(hayao, source.Path));

            Assert.Equal(AnimeGanErrorCode.ModelHashMismatch, ex.Code);
            Assert.Contains(hayao.FileName, ex.Message);
            Assert.Empty(Directory.GetFiles(target.Path));
        }

        [Fact]
        public void ShouldRefuseToLoadAModelTamperedWithAfterInstall()
        {
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            var cute = models.Manifest.Get("cute");
            models.InstallFromFolder(cute, TestFiles.ModelsFolder);
            var path = models.GetVerifiedPath(cute);
            var bytes = File.ReadAllBytes(path);
            bytes[100] ^= 0x01;
            File.WriteAllBytes(path, bytes);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

            using var engine = new AnimeGanEngine(models);
            var ex = Assert.Throws<AnimeGanException>(() => engine.LoadStyle("cute"));
            Assert.Equal(AnimeGanErrorCode.ModelHashMismatch, ex.Code);
        }

        [Fact]
        public void ShouldNameTheMissingModelForTheFrontEndToWordTheFix()
        {
            using var empty = new TemporaryDirectory();
            using var engine = new AnimeGanEngine(new ModelStore(empty.Path));
            var ex = Assert.Throws<AnimeGanException>(() => engine.LoadStyle(null));
            Assert.Equal(AnimeGanErrorCode.ModelNotInstalled, ex.Code);
            Assert.Equal("hayao", ex.ModelId);
            Assert.Contains(empty.Path, ex.Message);
            Assert.DoesNotContain("models install", ex.Message);
        }

        [Fact]
        public async Task ShouldRefuseADownloadWithoutAnHttpsSource()
        {
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            var ex = await Assert.ThrowsAsync<AnimeGanException>(() => models.InstallFromSourceAsync(models.Manifest.Get("hayao-v2")));
            Assert.Equal(AnimeGanErrorCode.InstallFailed, ex.Code);
            Assert.Contains("--from", ex.Message);
        }

        // The manifest's entry for yunet (small) with its source moved to the loopback server.
        private static ModelEntry Served(ModelStore models, Uri source)
        {
            var m = models.Manifest.Get("yunet");
            return new ModelEntry(m.Id, m.DisplayName, m.Family, m.Kind, m.FileName, m.SizeInBytes, m.Sha256, m.Licence, source, m.Layout, m.ElementType, m.Description);
        }

        [Fact]
        public async Task ShouldDownloadOverHttpsVerifyAndInstall()
        {
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            var bytes = File.ReadAllBytes(Path.Combine(TestFiles.ModelsFolder, models.Manifest.Get("yunet").FileName));
            using var server = new LoopbackHttpsServer(path => path == "yunet.onnx" ? LoopbackHttpsServer.Response.Ok(bytes) : LoopbackHttpsServer.Response.NotFound());
            using var client = server.CreateClient();
            var yunet = Served(models, server.Url("yunet.onnx"));

            var arrived = new System.Collections.Generic.List<long>();
            Assert.Equal(InstallOutcome.Installed, await models.InstallFromSourceAsync(yunet, client, new InlineProgress(arrived.Add)));

            Assert.Equal(ModelFileState.Valid, models.Verify(yunet));
            Assert.Equal(yunet.SizeInBytes, arrived[^1]);
            Assert.Equal(arrived.OrderBy(b => b), arrived);
            Assert.Equal(new[] { yunet.FileName }, Directory.GetFiles(target.Path).Select(Path.GetFileName));
            Assert.Equal(InstallOutcome.AlreadyInstalled, await models.InstallFromSourceAsync(yunet, client));
        }

        [Fact]
        public async Task ShouldRefuseDownloadedBytesThatDoNotMatchAndLeaveNothingBehind()
        {
            var bytes = File.ReadAllBytes(Path.Combine(TestFiles.ModelsFolder, ModelManifest.Default.Get("yunet").FileName));
            bytes[bytes.Length / 2] ^= 0xFF;

            var ex = await FailedDownload(_ => LoopbackHttpsServer.Response.Ok(bytes));

            Assert.Equal(AnimeGanErrorCode.ModelHashMismatch, ex.Code);
            Assert.Contains("does not match", ex.Message);
        }

        [Fact]
        public async Task ShouldExplainAServerThatHasNoSuchFile()
        {
            var ex = await FailedDownload(_ => LoopbackHttpsServer.Response.NotFound());

            Assert.Equal(AnimeGanErrorCode.InstallFailed, ex.Code);
            Assert.Contains("404", ex.Message);
        }

        [Fact]
        public async Task ShouldNotFollowARedirectAwayFromHttps()
        {
            // A plain-http server the redirect points at: it must never be asked for anything.
            var plain = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            plain.Start();
            try
            {
                var port = ((System.Net.IPEndPoint)plain.LocalEndpoint).Port;

                var ex = await FailedDownload(_ => new LoopbackHttpsServer.Response(302, "Found", Array.Empty<byte>(), $"http://127.0.0.1:{port}/yunet.onnx"));

                Assert.Equal(AnimeGanErrorCode.InstallFailed, ex.Code);
                Assert.Contains("302", ex.Message);
                Assert.False(plain.Pending(), "the download followed the redirect to plain http");
            }
            finally
            {
                plain.Stop();
            }
        }

        // Downloads yunet from a server answering as told; the install must fail and leave the folder empty.
        private static async Task<AnimeGanException> FailedDownload(Func<string, LoopbackHttpsServer.Response> respond)
        {
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            using var server = new LoopbackHttpsServer(respond);
            using var client = server.CreateClient();

            var ex = await Assert.ThrowsAsync<AnimeGanException>(() => models.InstallFromSourceAsync(Served(models, server.Url("yunet.onnx")), client));

            Assert.Empty(Directory.GetFiles(target.Path, "*", SearchOption.AllDirectories));
            return ex;
        }

        [Fact]
        public void ShouldInstallEveryModelFoundInAFolder()
        {
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            var results = models.InstallAllFromFolder(TestFiles.ModelsFolder);
            Assert.Equal(models.Manifest.Models.Count, results.Count);
            Assert.All(models.Manifest.Models, m => Assert.Equal(ModelFileState.Valid, models.Verify(m)));
        }

        [Fact]
        public void ShouldNameTheDefaultStyleAndFaceDetectorAsWhatAFirstInstallNeeds()
        {
            var defaults = ModelManifest.Default.Defaults;

            Assert.Equal(new[] { ModelManifest.Default.DefaultStyleId, AnimeGanEngine.DefaultFaceDetector }, defaults.Select(m => m.Id));
            Assert.All(defaults, m => Assert.NotNull(m.Source));
        }

        /// <summary>Calls back on the reporting thread, so the test sees every report before the install returns.</summary>
        private sealed class InlineProgress : System.IProgress<long>
        {
            private readonly System.Action<long> _report;

            public InlineProgress(System.Action<long> report) => _report = report;

            public void Report(long value) => _report(value);
        }
    }
}
