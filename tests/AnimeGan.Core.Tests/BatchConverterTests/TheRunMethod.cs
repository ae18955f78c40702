using AnimeGan.Core.Batches;

namespace AnimeGan.Core.Tests.BatchConverterTests
{
    public class TheRunMethod
    {
        private static readonly BatchConverter Batch = new BatchConverter(TestModels.Engine);

        private static IReadOnlyList<PlannedConversion> Plan(BatchFolder folder, BatchOptions options)
            => BatchConverter.Plan(folder.Inputs, options, TestModels.Store).Conversions;

        [Fact]
        public void ShouldYieldOneOutcomePerPhotoWithEachFailureCarryingItsCode()
        {
            using var folder = new BatchFolder(4, broken: 1);
            var options = BatchFolder.Options(folder.Output);

            var outcomes = Batch.Run(Plan(folder, options), options).ToList();

            Assert.Equal(4, outcomes.Count);
            var failure = Assert.Single(outcomes, o => !o.Succeeded);
            Assert.EndsWith("p1.jpg", failure.InputPath);
            Assert.Equal(AnimeGanErrorCode.UnsupportedFormat, failure.Error!.Code);
            Assert.Equal(3, folder.Outputs().Length);
            Assert.All(outcomes.Where(o => o.Succeeded), o => Assert.True(File.Exists(o.Result!.OutputPath)));
            Assert.Empty(folder.TemporaryFiles());
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        public void ShouldLeaveExactlyTheOutputsTakenWhenTheConsumerStopsEarly(int taken)
        {
            using var folder = new BatchFolder(6);
            var options = BatchFolder.Options(folder.Output);
            // An engine of its own, so the count of work in progress is this batch's alone.
            using var engine = new AnimeGanEngine(TestModels.Store);

            var seen = new BatchConverter(engine).Run(Plan(folder, options), options).Take(taken).ToList();

            // Nothing may keep running after the call returned.
            Assert.Equal(0, engine.Running);
            Assert.Equal(taken, seen.Count);
            Assert.Equal(seen.Select(o => o.OutputPath).OrderBy(p => p, StringComparer.Ordinal), folder.Outputs());
            Assert.Empty(folder.TemporaryFiles());
        }

        [Fact]
        public void ShouldEndTheBatchWhenTheConsumerThrows()
        {
            using var folder = new BatchFolder(6);
            var options = BatchFolder.Options(folder.Output);
            var taken = 0;

            Assert.Throws<InvalidOperationException>(() =>
            {
                foreach (var outcome in Batch.Run(Plan(folder, options), options))
                {
                    taken++;
                    throw new InvalidOperationException("the consumer failed");
                }
            });

            Assert.Equal(1, taken);
            Assert.Single(folder.Outputs());
            Assert.Empty(folder.TemporaryFiles());
        }

        [Fact]
        public void ShouldStopWhenCancelledAtAKnownStageAndLeaveOnlyTheOutputsReported()
        {
            using var folder = new BatchFolder(6);
            var options = BatchFolder.Options(folder.Output);
            using var cancellation = new CancellationTokenSource();
            var reported = new List<BatchOutcome>();

            // Cancel as the fourth photo starts stylizing: a known point, not a moment in time.
            var progress = new InlineProgress(p =>
            {
                if (p.InputPath.EndsWith("p3.jpg", StringComparison.Ordinal) && p.Stage == ConversionStage.Stylizing)
                    cancellation.Cancel();
            });

            Assert.ThrowsAny<OperationCanceledException>(() =>
            {
                foreach (var outcome in Batch.Run(Plan(folder, options), options, progress, cancellation.Token))
                    reported.Add(outcome);
            });

            Assert.True(reported.Count < 6);
            Assert.Equal(reported.Select(o => o.OutputPath).OrderBy(p => p, StringComparer.Ordinal), folder.Outputs());
            Assert.DoesNotContain(folder.Outputs(), o => o.EndsWith("p3_anime.jpg", StringComparison.Ordinal));
            Assert.Empty(folder.TemporaryFiles());
        }

        [Fact]
        public void ShouldReportEveryPhotosStagesInOrderWithAtMostJobsPhotosUnderWay()
        {
            using var folder = new BatchFolder(5);
            // In completion order a photo is taken as soon as it finishes, so "reported and not yet taken" is
            // exactly "running"; in input order a finished photo may also wait its turn.
            var options = BatchFolder.Options(folder.Output, jobs: 2) with { Stylize = new Options.StylizeOptions { MaxSize = 64, Faces = true }, InCompletionOrder = true };
            var stages = new Dictionary<string, List<ConversionStage>>();
            var underWay = new HashSet<string>();
            var mostUnderWay = 0;
            var thread = Environment.CurrentManagedThreadId;
            var progress = new InlineProgress(p =>
            {
                Assert.Equal(thread, Environment.CurrentManagedThreadId);
                if (!stages.TryGetValue(p.InputPath, out var list))
                    stages[p.InputPath] = list = new List<ConversionStage>();
                list.Add(p.Stage);
                underWay.Add(p.InputPath);
                mostUnderWay = Math.Max(mostUnderWay, underWay.Count);
            });

            foreach (var outcome in Batch.Run(Plan(folder, options), options, progress))
                underWay.Remove(outcome.InputPath);

            Assert.Equal(5, stages.Count);
            Assert.All(stages.Values, list =>
            {
                Assert.Equal(ConversionStage.Reading, list[0]);
                Assert.Equal(ConversionStage.Stylizing, list[1]);
                Assert.Equal(ConversionStage.FindingFaces, list[2]);
                Assert.Equal(ConversionStage.Writing, list[^1]);
                Assert.Equal(list.OrderBy(s => s), list);
            });
            Assert.InRange(mostUnderWay, 1, 2);
        }

        [Fact]
        public void ShouldYieldOutcomesInInputOrderWhateverFinishesFirst()
        {
            // A clip first: its 20 frames take far longer than the small photos behind it, which finish first.
            using var folder = new TemporaryDirectory();
            Clips.Make(folder.File("a.mp4"), 160, 120, 10, 2);
            for (var i = 0; i < 3; i++)
                TestImages.WritePhoto(TestFiles.Square, folder.File($"b{i}.jpg"), 64);
            var inputs = new[] { "a.mp4", "b0.jpg", "b1.jpg", "b2.jpg" }.Select(name => new BatchInput(folder.File(name))).ToList();
            var options = BatchFolder.Options(folder.File("out"));

            var inOrder = Batch.Run(BatchConverter.Plan(inputs, options, TestModels.Store).Conversions, options).ToList();

            Assert.Equal(inputs.Select(i => i.Path), inOrder.Select(o => o.InputPath));
            Assert.All(inOrder, o => Assert.True(o.Succeeded, o.Error?.Message));
        }

        [Fact]
        public void ShouldRefuseAMissingModelBeforeAnyPhotoStarts()
        {
            using var folder = new BatchFolder(2);
            using var empty = new TemporaryDirectory();
            using var engine = new AnimeGanEngine(new ModelStore(empty.Path));
            var options = BatchFolder.Options(folder.Output);
            var batch = new BatchConverter(engine);

            var ex = Assert.Throws<AnimeGanException>(() => batch.Run(BatchConverter.Plan(folder.Inputs, options, TestModels.Store).Conversions, options));

            Assert.Equal(AnimeGanErrorCode.ModelNotInstalled, ex.Code);
            Assert.Equal("hayao", ex.ModelId);
            Assert.Empty(folder.Outputs());
        }

        [Theory]
        [InlineData(1.5, null, null)]
        [InlineData(null, 8, null)]
        [InlineData(null, null, 0)]
        public void ShouldRefuseSettingsOutsideTheEnginesRanges(double? strength, int? maxSize, int? jobs)
        {
            using var folder = new BatchFolder(1);
            var options = BatchFolder.Options(folder.Output) with { Jobs = jobs ?? 1, Stylize = new Options.StylizeOptions { Strength = strength, MaxSize = maxSize } };

            var ex = Assert.Throws<AnimeGanException>(() => Batch.Run(Plan(folder, options), options));

            Assert.Equal(AnimeGanErrorCode.InvalidOption, ex.Code);
        }

        /// <summary>Calls back synchronously, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
        private sealed class InlineProgress : IProgress<BatchProgress>
        {
            private readonly Action<BatchProgress> _report;

            public InlineProgress(Action<BatchProgress> report) => _report = report;

            public void Report(BatchProgress value) => _report(value);
        }
    }
}
