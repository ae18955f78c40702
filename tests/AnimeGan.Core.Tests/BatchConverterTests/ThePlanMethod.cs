using System.Runtime.InteropServices;
using AnimeGan.Core.Batches;

namespace AnimeGan.Core.Tests.BatchConverterTests
{
    public class ThePlanMethod
    {
        private static readonly BatchConverter Batch = new BatchConverter(TestModels.Engine);

        [Fact]
        public void ShouldCompareOutputsByTheOperatingSystemsRules()
        {
            using var folder = new TemporaryDirectory();
            var inputs = new[] { new BatchInput(folder.File("A.jpg")), new BatchInput(folder.File("a.jpg")) };

            var plan = BatchConverter.Plan(inputs, new BatchOptions(), TestModels.Store);

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                Assert.Equal(new[] { folder.File("A_anime.jpg"), folder.File("a_anime.jpg") }, plan.Conversions.Select(c => c.OutputPath));
                Assert.Empty(plan.Refused);
            }
            else
            {
                Assert.Single(plan.Conversions);
                Assert.Equal(AnimeGanErrorCode.DuplicateOutput, Assert.Single(plan.Refused).Error!.Code);
            }
        }

        [Fact]
        public void ShouldRefuseASecondPhotoThatWouldWriteTheSameOutput()
        {
            using var folder = new TemporaryDirectory();
            var inputs = new[] { new BatchInput(folder.File("x/p.jpg")), new BatchInput(folder.File("y/p.jpg")) };

            var plan = BatchConverter.Plan(inputs, new BatchOptions { Destination = folder.File("out") }, TestModels.Store);

            Assert.Equal(folder.File("out/p_anime.jpg"), Assert.Single(plan.Conversions).OutputPath);
            var refused = Assert.Single(plan.Refused);
            Assert.Equal(folder.File("y/p.jpg"), refused.InputPath);
            Assert.Contains(folder.File("x/p.jpg"), refused.Error!.Message);
        }

        [Fact]
        public void ShouldMirrorFoldersBelowTheRootUnderTheDestination()
        {
            using var folder = new TemporaryDirectory();
            var root = folder.File("trip");
            var inputs = new[] { new BatchInput(Path.Combine(root, "p.jpg"), root), new BatchInput(Path.Combine(root, "day1", "p.jpg"), root) };

            var plan = BatchConverter.Plan(inputs, new BatchOptions { Destination = folder.File("out") }, TestModels.Store);

            Assert.Equal(new[] { folder.File("out/p_anime.jpg"), folder.File("out/day1/p_anime.jpg") }, plan.Conversions.Select(c => c.OutputPath));
        }

        [Fact]
        public void ShouldConvertAPhotoNamedTwiceOnce()
        {
            using var folder = new TemporaryDirectory();
            var inputs = new[] { new BatchInput(folder.File("p.jpg")), new BatchInput(folder.File("./p.jpg")) };

            var plan = BatchConverter.Plan(inputs, new BatchOptions(), TestModels.Store);

            Assert.Single(plan.Conversions);
            Assert.Empty(plan.Refused);
        }

        [Fact]
        public void ShouldRefuseOneOutputFileForSeveralPhotos()
        {
            using var folder = new TemporaryDirectory();
            var inputs = new[] { new BatchInput(folder.File("a.jpg")), new BatchInput(folder.File("b.jpg")) };

            var ex = Assert.Throws<AnimeGanException>(() => BatchConverter.Plan(inputs, new BatchOptions { OutputFile = folder.File("art.png") }, TestModels.Store));

            Assert.Equal(AnimeGanErrorCode.InvalidOption, ex.Code);
        }

        [Fact]
        public void ShouldRefuseAnExistingOutputUpFrontUnlessOverwriting()
        {
            using var folder = new TemporaryDirectory();
            File.WriteAllText(folder.File("a_anime.jpg"), "keep me");
            var inputs = new[] { new BatchInput(folder.File("a.jpg")), new BatchInput(folder.File("b.jpg")) };

            var plan = BatchConverter.Plan(inputs, new BatchOptions(), TestModels.Store);
            var overwriting = BatchConverter.Plan(inputs, new BatchOptions { Output = new OutputOptions { Overwrite = true } }, TestModels.Store);

            Assert.Equal(folder.File("b_anime.jpg"), Assert.Single(plan.Conversions).OutputPath);
            var refused = Assert.Single(plan.Refused);
            Assert.Equal(folder.File("a.jpg"), refused.InputPath);
            Assert.Equal(AnimeGanErrorCode.OutputExists, refused.Error!.Code);
            Assert.Equal(2, overwriting.Conversions.Count);
            Assert.Empty(overwriting.Refused);
        }

        [Fact]
        public void ShouldNameTheStyleThatWillRun()
        {
            var inputs = new[] { new BatchInput("a.jpg") };

            Assert.Equal(ModelManifest.Default.DefaultStyleId, BatchConverter.Plan(inputs, new BatchOptions(), TestModels.Store).Style);
            Assert.Equal("shinkai", BatchConverter.Plan(inputs, new BatchOptions { Stylize = new StylizeOptions { Style = "SHINKAI" } }, TestModels.Store).Style);
        }

        [Theory]
        [InlineData("nosuch", null, "'nosuch' is not a known style; choose one of: hayao, shinkai")]
        [InlineData("retinaface", null, "'retinaface' is a face detector, not a style; choose one of: hayao")]
        [InlineData(null, "yunet", "'yunet' is a face detector, not a style")]
        public void ShouldRefuseAStyleThatIsNoStyleBeforePlanningAnything(string? style, string? faceStyle, string message)
        {
            var options = new BatchOptions { Stylize = new StylizeOptions { Style = style, FaceStyle = faceStyle } };

            var ex = Assert.Throws<AnimeGanException>(() => BatchConverter.Plan(new[] { new BatchInput("a.jpg") }, options, TestModels.Store));

            Assert.Equal(AnimeGanErrorCode.UnknownModel, ex.Code);
            Assert.Equal(style ?? faceStyle, ex.ModelId);
            Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("yunet,", ex.Message.Substring(ex.Message.IndexOf(':', StringComparison.Ordinal)), StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldRefuseAStyleThatIsNotInstalled()
        {
            using var folder = new TemporaryDirectory();

            var ex = Assert.Throws<AnimeGanException>(() => BatchConverter.Plan(new[] { new BatchInput("a.jpg") }, new BatchOptions(), new ModelStore(folder.File("no-models"))));

            Assert.Equal(AnimeGanErrorCode.ModelNotInstalled, ex.Code);
            Assert.Equal(ModelManifest.Default.DefaultStyleId, ex.ModelId);
        }

        [Fact]
        public void ShouldSayBeforeItRunsThatAVideoStaysAVideo()
        {
            using var folder = new TemporaryDirectory();
            var inputs = new[] { new BatchInput(folder.File("clip.mp4")), new BatchInput(folder.File("a.jpg")) };

            var plan = BatchConverter.Plan(inputs, new BatchOptions { Output = new OutputOptions { Format = RasterFormat.Jpeg } }, TestModels.Store);

            Assert.Equal(folder.File("clip_anime.mp4"), plan.Conversions[0].OutputPath);
            Assert.Contains("is a video: it is written as MP4, not JPG", plan.Conversions[0].Note, StringComparison.Ordinal);
            Assert.Null(plan.Conversions[1].Note);
        }

        [Fact]
        public void ShouldGiveEachPhotoToExactlyOneShardAndSkipOutputsThatExist()
        {
            using var folder = new TemporaryDirectory();
            var root = folder.File("archive");
            var inputs = Enumerable.Range(0, 40).Select(i => new BatchInput(Path.Combine(root, $"d{i % 4}", $"p{i}.jpg"), root)).ToList();
            var shards = Enumerable.Range(0, 4).Select(k => BatchConverter.Plan(inputs, new BatchOptions { Shard = new Shard(k, 4) }, TestModels.Store)).ToList();

            Assert.Equal(inputs.Select(i => i.Path).OrderBy(p => p, StringComparer.Ordinal), shards.SelectMany(s => s.Conversions).Select(c => c.InputPath).OrderBy(p => p, StringComparer.Ordinal));
            Assert.All(shards, s => Assert.NotEmpty(s.Conversions));

            var first = shards[0].Conversions[0];
            Directory.CreateDirectory(Path.GetDirectoryName(first.OutputPath)!);
            File.WriteAllText(first.OutputPath, "done before the restart");
            var restarted = BatchConverter.Plan(inputs, new BatchOptions { Shard = new Shard(0, 4) }, TestModels.Store);
            Assert.Equal(first, Assert.Single(restarted.Skipped));
            Assert.Empty(restarted.Refused);
            Assert.Equal(shards[0].Conversions.Count - 1, restarted.Conversions.Count);
        }

        [Theory]
        [InlineData("p.jpg", null, "P.JPG", 3)]
        [InlineData("/archive/2024/Trip/IMG_0001.JPG", "/archive", "2024/TRIP/IMG_0001.JPG", 1)]
        [InlineData("/archive/2024/trip/img_0001.jpg", "/archive/", "2024/TRIP/IMG_0001.JPG", 1)]
        [InlineData("/elsewhere/x/a.png", "/archive", "A.PNG", 1)]
        public void ShouldSplitByTheSameKeyAndHashEverywhere(string path, string? root, string key, int shardOfFour)
        {
            // Pinned, and computed apart from this code (the first 8 bytes of the key's SHA-256, little-endian,
            // modulo 4): workers of different versions and operating systems must agree on the split.
            var input = new BatchInput(path, root);

            Assert.Equal(key, Shard.KeyOf(input));
            Assert.Equal(new[] { shardOfFour }, Enumerable.Range(0, 4).Where(k => new Shard(k, 4).Takes(input)));
        }

        [Theory]
        [InlineData("4/4")]
        [InlineData("1/0")]
        [InlineData("-1/4")]
        [InlineData("1 /4")]
        [InlineData("1/4/2")]
        [InlineData("")]
        public void ShouldRefuseAShardThatDoesNotExist(string text)
        {
            Assert.Equal(AnimeGanErrorCode.InvalidOption, Assert.Throws<AnimeGanException>(() => Shard.Parse(text)).Code);
        }
    }
}
