using AnimeGan.Core.Onnx;

namespace AnimeGan.Core.Tests.OnnxTests
{
    /// <summary>
    /// The engine's default precision per style and processor, on the cute style (the quickest to make INT8) in a
    /// models folder of its own, so no other test sees its verdicts. Tests here run one at a time: they share the
    /// optimizer's timing hook.
    /// </summary>
    [Collection(nameof(ThePrecisionVerdict))]
    public sealed class ThePrecisionVerdict : IDisposable
    {
        private readonly TemporaryDirectory _folder = new TemporaryDirectory();
        private readonly ModelStore _store;

        public ThePrecisionVerdict()
        {
            _store = new ModelStore(_folder.Path);
            var installer = new ModelInstaller(_store);
            installer.Install(installer.Plan(new ModelInstallRequest(new[] { "cute" }, FromFolder: TestFiles.ModelsFolder) { DecidePrecision = false })).ToList();
        }

        [Fact]
        public void ShouldRunInt8ByDefaultWhenItIsFasterAndLooksTheSame()
        {
            ModelOptimizer.MeasuredSpeedupHook = (_, _) => 2.0;
            var verdict = new ModelOptimizer(_store).DecidePrecision("cute");

            Assert.True(verdict.Similarity >= PrecisionVerdict.MinimumSimilarity, $"cute@int8 measured SSIM {verdict.Similarity:0.000} on the built-in scenes");
            Assert.Equal(Precision.Int8, verdict.Runs);
            Assert.Equal($"int8: 2.0x, SSIM {verdict.Similarity:0.000}", verdict.Reason);
            using var engine = new AnimeGanEngine(_store);
            var photo = TestImages.Photo(TestFiles.Rickshaw, 128);
            Assert.Equal(Precision.Int8, engine.Stylize(photo, new StylizeOptions { Style = "cute", Faces = false }).Precision);
            Assert.Equal(Precision.Float, engine.Stylize(photo, new StylizeOptions { Style = "cute", Faces = false, Precision = Precision.Float }).Precision);
            Assert.Equal("int8", engine.PrecisionOf("cute")!.Reason.Split(':')[0]);
        }

        [Fact]
        public void ShouldRunFloatWhereInt8IsNotFasterEnough()
        {
            ModelOptimizer.MeasuredSpeedupHook = (_, _) => 1.1;
            var verdict = new ModelOptimizer(_store).DecidePrecision("cute");

            Assert.Equal(Precision.Float, verdict.Runs);
            Assert.Equal("float: int8 only 1.1x here", verdict.Reason);
            using var engine = new AnimeGanEngine(_store);
            var photo = TestImages.Photo(TestFiles.Rickshaw, 128);
            Assert.Equal(Precision.Float, engine.Stylize(photo, new StylizeOptions { Style = "cute", Faces = false }).Precision);
            // Asked for, INT8 still runs: the variant exists.
            Assert.Equal(Precision.Int8, engine.Stylize(photo, new StylizeOptions { Style = "cute", Faces = false, Precision = Precision.Int8 }).Precision);
        }

        [Fact]
        public void ShouldRunFloatWhereInt8LooksDifferent()
        {
            Assert.Equal(Precision.Float, PrecisionVerdict.Choose(2.0, 0.97));
            Assert.Equal("float: int8 looks different here (SSIM 0.970)", new PrecisionVerdict("cute", Precision.Float, 2.0, 0.97, "x64", "a", "b").Reason);
        }

        [Fact]
        public void ShouldDecideAgainAfterTheStyleFileChangesAndRunFloatUntilThen()
        {
            ModelOptimizer.MeasuredSpeedupHook = (_, _) => 2.0;
            var optimizer = new ModelOptimizer(_store);
            var first = optimizer.DecidePrecision("cute");
            var variantFile = Path.Combine(_store.Folder, _store.Manifest.Get("cute@int8").FileName);
            var madeAt = File.GetLastWriteTimeUtc(variantFile);
            Assert.Equal(first, optimizer.DecidePrecision("cute"));
            Assert.Equal(madeAt, File.GetLastWriteTimeUtc(variantFile));

            // The verdict on record was made on another file of the style (an update replaced it).
            PrecisionVerdicts.Save(_store, first with { StyleSha256 = new string('0', 64) });
            using (var engine = new AnimeGanEngine(_store))
            {
                Assert.Null(engine.PrecisionOf("cute"));
                Assert.Equal(Precision.Float, engine.Stylize(TestImages.Photo(TestFiles.Rickshaw, 128), new StylizeOptions { Style = "cute", Faces = false }).Precision);
            }

            var again = optimizer.DecidePrecision("cute");

            Assert.Equal(_store.Manifest.Get("cute").Sha256, again.StyleSha256);
            Assert.NotEqual(madeAt, File.GetLastWriteTimeUtc(variantFile));
        }

        [Fact]
        public void ShouldBeDecidedByAFreshInstallWithoutAManualStep()
        {
            ModelOptimizer.MeasuredSpeedupHook = (_, _) => 2.0;
            using var fresh = new TemporaryDirectory();
            var store = new ModelStore(fresh.Path);
            var installer = new ModelInstaller(store);
            var steps = new List<string>();

            var installed = installer.Install(installer.Plan(new ModelInstallRequest(new[] { "cute" }, FromFolder: TestFiles.ModelsFolder)), null, new Steps(steps)).Single();

            Assert.Equal(Precision.Int8, installed.Precision!.Runs);
            Assert.Equal(new[] { "making its INT8 graph (about half a minute)", "measuring INT8 against float on this processor" }, steps);
            using var engine = new AnimeGanEngine(store);
            Assert.Equal(Precision.Int8, engine.Stylize(TestImages.Photo(TestFiles.Rickshaw, 128), new StylizeOptions { Style = "cute", Faces = false }).Precision);
        }

        [Fact]
        public void ShouldBeMeasuredByTheFirstConversionWhereTheInt8GraphCameMade()
        {
            ModelOptimizer.MeasuredSpeedupHook = (_, _) => 2.0;
            // A release's models folder: the INT8 graph made on the build machine, no verdict for this processor.
            new ModelOptimizer(_store).DecidePrecision("cute");
            var variantFile = Path.Combine(_store.Folder, _store.Manifest.Get("cute@int8").FileName);
            var madeAt = File.GetLastWriteTimeUtc(variantFile);
            File.Delete(Path.Combine(_store.Folder, PrecisionVerdicts.FileName));
            using var engine = new AnimeGanEngine(_store);
            Assert.Null(engine.PrecisionOf("cute"));

            var first = engine.Stylize(TestImages.Photo(TestFiles.Rickshaw, 128), new StylizeOptions { Style = "cute", Faces = false });

            Assert.Equal(Precision.Int8, first.Precision);
            Assert.Equal(Precision.Int8, engine.PrecisionOf("cute")!.Runs);
            Assert.True(File.Exists(Path.Combine(_store.Folder, PrecisionVerdicts.FileName)));
            Assert.Equal(madeAt, File.GetLastWriteTimeUtc(variantFile));
        }

        [Fact]
        public void ShouldSayHowToMakeInt8WhenItIsAskedForAndMissing()
        {
            using var engine = new AnimeGanEngine(_store);

            var error = Assert.Throws<AnimeGanException>(() => engine.Stylize(TestImages.Photo(TestFiles.Rickshaw, 64), new StylizeOptions { Style = "cute", Faces = false, Precision = Precision.Int8 }));

            Assert.Equal(AnimeGanErrorCode.InvalidOption, error.Code);
            Assert.Contains("'cute' has no INT8 graph on this machine yet", error.Message, StringComparison.Ordinal);
        }

        public void Dispose()
        {
            // The measured speed-up a test set is its own.
            ModelOptimizer.MeasuredSpeedupHook = null;
            _folder.Dispose();
        }

        /// <summary>Keeps the install's steps in order (reported on the installing thread).</summary>
        private sealed class Steps : IProgress<ModelDownloadProgress>
        {
            private readonly List<string> _steps;

            public Steps(List<string> steps) => _steps = steps;

            public void Report(ModelDownloadProgress value)
            {
                if (value.Step != null)
                    _steps.Add(value.Step);
            }
        }
    }
}
