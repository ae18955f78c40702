using Microsoft.Extensions.DependencyInjection;
using AnimeGan.Web.Hosting;
using AnimeGan.Web.Jobs;

namespace AnimeGan.Web.Tests.JobTests
{
    public class TheJobStore
    {
        private static KeptResult Convert(TemporaryDirectory folder, string name)
        {
            var photo = ImageDecoder.Read(TestImages.WritePhoto(TestFiles.Rickshaw, folder.File(name), 160));
            return TestModels.Engine.StylizePhoto(photo, new StylizeOptions { MaxSize = 128, Faces = false }, null, default).Kept;
        }

        [Fact]
        public void ShouldWriteTheSameFileFromMemoryAndFromTheSavedResult()
        {
            using var folder = new TemporaryDirectory();
            var kept = Convert(folder, "street.png");
            using var job = new ConversionJob("a", new WorkArea(folder.File("area")), "street.png", kept, new ResultChoice(0.6, true), 64, CancellationToken.None);

            Assert.Same(kept, job.Load());
            using var fromMemory = new MemoryStream();
            job.Write(fromMemory, job.Choice);
            job.Release();
            Assert.NotSame(kept, job.Load());
            using var fromFile = new MemoryStream();
            job.Write(fromFile, job.Choice);

            Assert.Equal(fromMemory.ToArray(), fromFile.ToArray());
        }

        [Fact]
        public void ShouldKeepOnlyTheNewestResultsInMemoryOnePerConversionSlot()
        {
            using var folder = new TemporaryDirectory();
            using var store = new JobStore(new ServeOptions { Jobs = 1 }.Validated());
            var first = Convert(folder, "a.png");
            var second = Convert(folder, "b.png");

            var older = store.Add(store.CreateArea(), "a.png", first, new ResultChoice(1, false), 64, CancellationToken.None);
            Assert.Same(first, older.Load());
            var newer = store.Add(store.CreateArea(), "b.png", second, new ResultChoice(1, false), 64, CancellationToken.None);

            Assert.Same(second, newer.Load());
            Assert.NotSame(first, older.Load());
            Assert.Equal(first.Styled, older.Load().Styled);
        }

        // On Windows the user's temporary folder's access list does this; the modes are Linux's and macOS's.
        [Fact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public void ShouldKeepResultsWhereOnlyThisUserCanReadThem()
        {
            using var folder = new TemporaryDirectory();
            using var store = new JobStore(new ServeOptions().Validated());
            var job = store.Add(store.CreateArea(), "a.png", Convert(folder, "a.png"), new ResultChoice(1, false), 64, CancellationToken.None);
            const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

            Assert.StartsWith(Path.GetTempPath(), store.Root, StringComparison.Ordinal);
            Assert.Equal(owner, File.GetUnixFileMode(Path.GetDirectoryName(store.Root)!));
            Assert.Equal(owner, File.GetUnixFileMode(store.Root));
            Assert.Equal(owner, File.GetUnixFileMode(Path.GetDirectoryName(job.KeptPath)!));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(job.KeptPath));
        }

        [Fact]
        public async Task ShouldRemoveAResultUnusedForTheIdleTimeWithoutWaitingForARequest()
        {
            using var folder = new TemporaryDirectory();
            var clock = new ManualClock { UtcNow = DateTimeOffset.UtcNow };
            using var store = new JobStore(new ServeOptions().Validated(), clock);
            var job = store.Add(store.CreateArea(), "a.png", Convert(folder, "a.png"), new ResultChoice(1, false), 64, CancellationToken.None);
            var area = Path.GetDirectoryName(job.KeptPath)!;

            clock.UtcNow += JobStore.IdleLifetime - TimeSpan.FromSeconds(1);
            store.RemoveExpired();
            Assert.False(job.Removed.IsCompleted);
            Assert.True(Directory.Exists(area));

            clock.UtcNow += TimeSpan.FromSeconds(2);
            store.RemoveExpired();
            await job.Removed.WaitAsync(TimeSpan.FromMinutes(1));
            Assert.False(Directory.Exists(area));
            Assert.False(store.TryGet(job.Id, out _));
        }

        [Fact]
        public void ShouldRunTheExpiryTimerInTheServer()
        {
            using var app = new WebApp();
            Assert.Single(app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<JobExpiry>());
        }

        private sealed class ManualClock : Microsoft.Extensions.Internal.ISystemClock
        {
            public DateTimeOffset UtcNow { get; set; }
        }
    }
}
