namespace AnimeGan.Tests
{
    /// <summary>
    /// The models the tests run. CI installs them into $ANIMEGAN_MODELS with the CLI; a developer's run
    /// installs them from ../shared/models through the engine's own offline install, so both go through
    /// the same hash-checked path users do.
    /// </summary>
    internal static class TestModels
    {
        private static readonly Lazy<ModelStore> LazyStore = new Lazy<ModelStore>(CreateStore);
        private static readonly Lazy<AnimeGanEngine> LazyEngine = new Lazy<AnimeGanEngine>(() => new AnimeGanEngine(Store));

        public static ModelStore Store => LazyStore.Value;

        /// <summary>One engine for the whole run, as a host would keep one: sessions load once.</summary>
        public static AnimeGanEngine Engine => LazyEngine.Value;

        public static string Folder => Store.Folder;

        /// <summary>Installs every model in the shared models folder through the engine's own offline install.</summary>
        public static IReadOnlyList<ModelInstallResult> InstallEverything(ModelStore store)
        {
            var installer = new ModelInstaller(store);
            // Float only: the suite's expected pictures are the float graphs'; INT8 defaults have tests of their own.
            return installer.Install(installer.Plan(ModelInstallRequest.EverythingIn(TestFiles.ModelsFolder) with { DecidePrecision = false })).ToList();
        }

        private static ModelStore CreateStore()
        {
            var folder = Environment.GetEnvironmentVariable(ModelStore.FolderVariable);
            if (string.IsNullOrEmpty(folder))
                folder = Path.Combine(Path.GetTempPath(), "animegan-test-models");
            var store = new ModelStore(folder);
            InstallEverything(store);
            foreach (var model in store.Manifest.Models)
            {
                if (store.Verify(model) != ModelFileState.Valid)
                    throw new InvalidOperationException($"Model '{model.Id}' is not installed and valid in {folder}.");
            }

            return store;
        }
    }
}
