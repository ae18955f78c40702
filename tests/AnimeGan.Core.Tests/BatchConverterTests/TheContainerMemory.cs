using AnimeGan.Core.Batches;

namespace AnimeGan.Core.Tests.BatchConverterTests
{
    /// <summary>The memory limit read from a cgroup's files, as a container runtime writes them, and the budget made from it.</summary>
    public class TheContainerMemory
    {
        [Theory]
        [InlineData("memory.max", "2147483648\n", 2147483648L)]
        [InlineData("memory.max", "max\n", null)]
        [InlineData("memory/memory.limit_in_bytes", "1073741824\n", 1073741824L)]
        [InlineData("memory/memory.limit_in_bytes", "9223372036854771712\n", null)]
        public void ShouldReadTheLimitOfCgroupVersionOneAndTwo(string file, string content, long? expected)
        {
            using var root = new TemporaryDirectory();
            Directory.CreateDirectory(Path.GetDirectoryName(root.File(file))!);
            File.WriteAllText(root.File(file), content);

            Assert.Equal(expected, ContainerMemory.LimitBytes(root.Path));
        }

        [Fact]
        public void ShouldFindNoLimitWithoutACgroupFileSystem()
        {
            using var root = new TemporaryDirectory();

            Assert.Null(ContainerMemory.LimitBytes(root.Path));
        }

        [Fact]
        public void ShouldBudgetAContainersLimitLessWhatTheProcessKeeps()
        {
            const long twoGigabytes = 2L << 30;

            // serve.yaml's limit: 2 GiB less the reserve, where .NET's own view (75% of it) gave 60% of that, 921 MB.
            Assert.Equal(twoGigabytes - ContainerMemory.RuntimeReserveBytes, MemoryBudget.DefaultBytes(2, twoGigabytes, twoGigabytes / 4 * 3));
            Assert.True(MemoryBudget.DefaultBytes(2, twoGigabytes, 0) >= MemoryBudget.EstimateBytes(6000, 4000, AnimeGanEngine.DefaultMaxSize, ModelManifest.Default.Get("hayao")), "a 24 MP photo must fit the manifest's 2 GiB");
            // Without a cgroup limit the machine keeps 40% for itself, as before.
            Assert.Equal(MemoryBudget.DefaultBytes(2, 10L << 30), MemoryBudget.DefaultBytes(2, null, 10L << 30));
        }
    }
}
