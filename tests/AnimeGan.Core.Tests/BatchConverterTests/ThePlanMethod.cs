using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using AnimeGan.Core.Batches;
using AnimeGan.Core.Exceptions;
using AnimeGan.Tests;

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

            var plan = BatchConverter.Plan(inputs, new BatchOptions());

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

            var plan = BatchConverter.Plan(inputs, new BatchOptions { Destination = folder.File("out") });

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

            var plan = BatchConverter.Plan(inputs, new BatchOptions { Destination = folder.File("out") });

            Assert.Equal(new[] { folder.File("out/p_anime.jpg"), folder.File("out/day1/p_anime.jpg") }, plan.Conversions.Select(c => c.OutputPath));
        }

        [Fact]
        public void ShouldConvertAPhotoNamedTwiceOnce()
        {
            using var folder = new TemporaryDirectory();
            var inputs = new[] { new BatchInput(folder.File("p.jpg")), new BatchInput(folder.File("./p.jpg")) };

            var plan = BatchConverter.Plan(inputs, new BatchOptions());

            Assert.Single(plan.Conversions);
            Assert.Empty(plan.Refused);
        }

        [Fact]
        public void ShouldRefuseOneOutputFileForSeveralPhotos()
        {
            using var folder = new TemporaryDirectory();
            var inputs = new[] { new BatchInput(folder.File("a.jpg")), new BatchInput(folder.File("b.jpg")) };

            var ex = Assert.Throws<AnimeGanException>(() => BatchConverter.Plan(inputs, new BatchOptions { OutputFile = folder.File("art.png") }));

            Assert.Equal(AnimeGanErrorCode.InvalidOption, ex.Code);
        }
    }
}
