namespace AnimeGan.Core.Tests.ModelStoreTests
{
    /// <summary>
    /// A user's models folder in front of the models a release ships: what the user installs adds to the shipped
    /// ones (a style of theirs still finds the shipped face detector), and nothing is written into the shipped folder.
    /// </summary>
    public class TheShippedFolder
    {
        [Fact]
        public void ShouldAddTheUsersModelsToTheShippedOnesAndWriteOnlyIntoTheUsers()
        {
            using var shipped = new TemporaryDirectory();
            using var own = new TemporaryDirectory();
            var release = new ModelStore(shipped.Path);
            var releaseInstaller = new ModelInstaller(release);
            releaseInstaller.Install(releaseInstaller.Plan(new ModelInstallRequest(new[] { "hayao", "retinaface" }, FromFolder: TestFiles.ModelsFolder) { DecidePrecision = false })).ToList();
            var shippedFiles = Directory.GetFiles(shipped.Path).OrderBy(f => f, StringComparer.Ordinal).ToList();

            var store = ModelStore.WithShipped(own.File("models"), shipped.Path);
            var installer = new ModelInstaller(store);
            var results = installer.Install(installer.Plan(new ModelInstallRequest(new[] { "cute", "hayao" }, FromFolder: TestFiles.ModelsFolder) { DecidePrecision = false })).ToList();

            Assert.Equal(InstallOutcome.Installed, results.Single(r => r.Model.Id == "cute").Outcome);
            Assert.Equal(InstallOutcome.AlreadyInstalled, results.Single(r => r.Model.Id == "hayao").Outcome);
            Assert.Equal(new[] { "hayao", "cute", "retinaface" }, store.Installed().Select(m => m.Id));
            Assert.StartsWith(shipped.Path, store.GetVerifiedPath(store.Manifest.Get("retinaface")), StringComparison.Ordinal);
            Assert.StartsWith(own.Path, store.GetVerifiedPath(store.Manifest.Get("cute")), StringComparison.Ordinal);
            Assert.Equal(shippedFiles, Directory.GetFiles(shipped.Path).OrderBy(f => f, StringComparer.Ordinal));

            // The user's style runs with the shipped detector: faces on by default, found.
            using var engine = new AnimeGanEngine(store);
            var portrait = TestImages.Photo(Path.Combine(TestFiles.Portraits, "0.jpg"), 384);
            Assert.NotEmpty(engine.Stylize(portrait, new StylizeOptions { Style = "cute" }).Faces);
        }

        [Fact]
        public void ShouldSayWhereToInstallWhenTheModelsFolderCannotBeMade()
        {
            var store = new ModelStore("/proc/animegan-models");
            var installer = new ModelInstaller(store);

            var failed = installer.Install(installer.Plan(new ModelInstallRequest(new[] { "cute" }, FromFolder: TestFiles.ModelsFolder))).Single();

            Assert.Equal(InstallOutcome.Failed, failed.Outcome);
            Assert.Contains("cannot create the models folder", failed.Error!.Message, StringComparison.Ordinal);
            Assert.Contains("Install into a folder you can write", failed.Error.Message, StringComparison.Ordinal);
        }
    }
}
