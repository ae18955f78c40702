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

            Assert.Equal(InstallOutcome.Installed, new ModelInstaller(models).InstallFromFolder(hayao, TestFiles.ModelsFolder));
            Assert.Equal(ModelFileState.Valid, models.Verify(hayao));
            Assert.Equal(InstallOutcome.AlreadyInstalled, new ModelInstaller(models).InstallFromFolder(hayao, TestFiles.ModelsFolder));
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

            var ex = Assert.Throws<AnimeGanException>(() => new ModelInstaller(models).InstallFromFolder(hayao, source.Path));

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
            new ModelInstaller(models).InstallFromFolder(cute, TestFiles.ModelsFolder);
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
            var ex = await Assert.ThrowsAsync<AnimeGanException>(() => new ModelInstaller(models).InstallFromSourceAsync(models.Manifest.Get("hayao-v2")));
            Assert.Equal(AnimeGanErrorCode.InstallFailed, ex.Code);
            // The engine says what a folder must hold; each front end names its own way to give one.
            Assert.Equal("Model 'hayao-v2' has no public download; it can be installed from a folder that holds AnimeGANv2_Hayao.onnx.", ex.Message);
            Assert.DoesNotContain("--from", ex.Message);
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
            Assert.Equal(InstallOutcome.Installed, await new ModelInstaller(models, client).InstallFromSourceAsync(yunet, new InlineProgress(arrived.Add)));

            Assert.Equal(ModelFileState.Valid, models.Verify(yunet));
            Assert.Equal(yunet.SizeInBytes, arrived[^1]);
            Assert.Equal(arrived.OrderBy(b => b), arrived);
            Assert.Equal(new[] { yunet.FileName }, Directory.GetFiles(target.Path).Select(Path.GetFileName));
            Assert.Equal(InstallOutcome.AlreadyInstalled, await new ModelInstaller(models, client).InstallFromSourceAsync(yunet));
        }

        [Fact]
        public async Task ShouldDownloadFromAMirrorLaidOutByTheSourcesAddressAndNameWhatItTried()
        {
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            var bytes = File.ReadAllBytes(Path.Combine(TestFiles.ModelsFolder, models.Manifest.Get("yunet").FileName));
            var asked = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var mirror = new LoopbackHttpsServer(path =>
            {
                asked.Enqueue(path);
                return path == "models/github.com/owner/repo/raw/0123abc/yunet.onnx" ? LoopbackHttpsServer.Response.Ok(bytes) : LoopbackHttpsServer.Response.NotFound();
            });
            using var client = mirror.CreateClient();
            var yunet = Served(models, new Uri("https://github.com/owner/repo/raw/0123abc/yunet.onnx"));
            var installer = new ModelInstaller(models, client) { Mirror = ModelInstaller.ParseMirror(mirror.Url("models").ToString(), "--mirror") };

            Assert.Equal(InstallOutcome.Installed, await installer.InstallFromSourceAsync(yunet));

            Assert.Equal("models/github.com/owner/repo/raw/0123abc/yunet.onnx", Assert.Single(asked));
            Assert.Equal(ModelFileState.Valid, models.Verify(yunet));
            var missing = Served(models, new Uri("https://github.com/owner/repo/raw/0123abc/other.onnx"));
            File.Delete(models.GetPath(yunet));
            var failed = await Assert.ThrowsAsync<AnimeGanException>(() => installer.InstallFromSourceAsync(missing));
            Assert.Contains($"{mirror.Url("models/github.com/owner/repo/raw/0123abc/other.onnx")} (the mirror's copy of https://github.com/owner/repo/raw/0123abc/other.onnx): the server answered 404", failed.Message, StringComparison.Ordinal);
            Assert.Throws<AnimeGanException>(() => ModelInstaller.ParseMirror("ftp://mirror/", "--mirror"));
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

            var ex = await Assert.ThrowsAsync<AnimeGanException>(() => new ModelInstaller(models, client).InstallFromSourceAsync(Served(models, server.Url("yunet.onnx"))));

            Assert.Empty(Directory.GetFiles(target.Path, "*", SearchOption.AllDirectories));
            return ex;
        }

        [Fact]
        public void ShouldInstallEveryModelFoundInAFolder()
        {
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            var results = TestModels.InstallEverything(models);
            Assert.Equal(models.Manifest.Models.Select(m => m.Id), results.Select(r => r.Model.Id));
            Assert.All(results, r => Assert.Equal(InstallOutcome.Installed, r.Outcome));
            Assert.All(models.Manifest.Models, m => Assert.Equal(ModelFileState.Valid, models.Verify(m)));
            Assert.All(TestModels.InstallEverything(models), r => Assert.Equal(InstallOutcome.AlreadyInstalled, r.Outcome));
        }

        [Fact]
        public void ShouldPlanOnlyTheModelsAFolderHoldsAndRefuseUnknownIds()
        {
            using var source = new TemporaryDirectory();
            using var target = new TemporaryDirectory();
            var installer = new ModelInstaller(new ModelStore(target.Path));
            var cute = ModelManifest.Default.Get("cute");
            File.Copy(Path.Combine(TestFiles.ModelsFolder, cute.FileName), source.File(cute.FileName));

            Assert.Equal(new[] { "cute" }, installer.Plan(ModelInstallRequest.EverythingIn(source.Path)).ToInstall.Select(m => m.Id));
            var named = installer.Plan(new ModelInstallRequest(new[] { "cute", "ghibli", "cute" }, false, source.Path));
            Assert.Equal(new[] { "cute" }, named.ToInstall.Select(m => m.Id));
            Assert.Equal("ghibli", Assert.Single(named.Refused).ModelId);
            Assert.Null(named.Problem);
        }

        [Fact]
        public void ShouldSayAFolderWithoutModelsCanInstallNothingAndAMissingFolderIsAnError()
        {
            using var empty = new TemporaryDirectory();
            var installer = new ModelInstaller(new ModelStore(empty.File("models")));

            var plan = installer.Plan(ModelInstallRequest.EverythingIn(empty.Path));
            Assert.Empty(plan.ToInstall);
            Assert.Contains("no model file from the manifest", plan.Problem!.Message);
            var missing = Assert.Throws<AnimeGanException>(() => installer.Plan(ModelInstallRequest.EverythingIn(empty.File("nothere"))));
            Assert.Equal(AnimeGanErrorCode.InstallFailed, missing.Code);
        }

        [Fact]
        public void ShouldLeaveModelsWithoutADownloadOutOfAllAndNameThem()
        {
            using var target = new TemporaryDirectory();
            var plan = new ModelInstaller(new ModelStore(target.Path)).Plan(new ModelInstallRequest(System.Array.Empty<string>(), true));

            Assert.All(plan.ToInstall, m => Assert.NotNull(m.Source));
            Assert.Contains(plan.NoPublicDownload, m => m.Id == "hayao-v2");
            Assert.Equal(ModelManifest.Default.Models.Count, plan.ToInstall.Count + plan.NoPublicDownload.Count);
        }

        [Fact]
        public void ShouldReportAFailedModelAndGoOnWithTheNext()
        {
            using var source = new TemporaryDirectory();
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            var installer = new ModelInstaller(models);
            var hayao = models.Manifest.Get("hayao");
            var bytes = File.ReadAllBytes(Path.Combine(TestFiles.ModelsFolder, hayao.FileName));
            bytes[bytes.Length / 2] ^= 0xFF;
            File.WriteAllBytes(source.File(hayao.FileName), bytes);
            var cute = models.Manifest.Get("cute");
            File.Copy(Path.Combine(TestFiles.ModelsFolder, cute.FileName), source.File(cute.FileName));

            var results = installer.Install(installer.Plan(ModelInstallRequest.EverythingIn(source.Path) with { DecidePrecision = false })).ToList();

            Assert.Equal(InstallOutcome.Failed, results.Single(r => r.Model.Id == "hayao").Outcome);
            Assert.Equal(AnimeGanErrorCode.ModelHashMismatch, results.Single(r => r.Model.Id == "hayao").Error!.Code);
            var installed = results.Single(r => r.Model.Id == "cute");
            Assert.Equal(InstallOutcome.Installed, installed.Outcome);
            Assert.False(string.IsNullOrEmpty(installed.GraphNote));
            Assert.Equal(new[] { cute.FileName }, Directory.GetFiles(target.Path, "*.onnx").Where(f => !f.Contains(".optimized.")).Select(Path.GetFileName));
        }

        [Fact]
        public void ShouldInstallOnlyWhatTheCallerConfirms()
        {
            using var target = new TemporaryDirectory();
            var installer = new ModelInstaller(new ModelStore(target.Path));
            var asked = new List<string>();

            var results = installer.Install(installer.Plan(new ModelInstallRequest(new[] { "cute", "yunet" }, false, TestFiles.ModelsFolder)), m => { asked.Add(m.Id); return m.Id == "yunet"; }).ToList();

            Assert.Equal(new[] { "cute", "yunet" }, asked);
            Assert.Equal("yunet", Assert.Single(results).Model.Id);
            Assert.False(File.Exists(Path.Combine(target.Path, ModelManifest.Default.Get("cute").FileName)));
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
