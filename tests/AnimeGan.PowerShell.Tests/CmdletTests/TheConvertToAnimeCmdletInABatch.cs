using System.Globalization;
using System.Management.Automation;

namespace AnimeGan.PowerShell.Tests.CmdletTests
{
    /// <summary>
    /// What the Pester suite cannot see from a script: progress records as the host receives them, a stop
    /// requested from inside the pipeline at a known stage, and the error details a host shows.
    /// </summary>
    [Collection(nameof(ModuleHost))]
    public class TheConvertToAnimeCmdletInABatch : IClassFixture<ModuleHostFixture>
    {
        private readonly ModuleHost _host;

        public TheConvertToAnimeCmdletInABatch(ModuleHostFixture fixture) => _host = fixture.Host;

        private static void Photos(TemporaryDirectory folder, int count, bool firstBroken = false)
        {
            Directory.CreateDirectory(folder.File("batch"));
            for (var i = 0; i < count; i++)
            {
                var path = folder.File($"batch/p{i}.jpg");
                if (i == 0 && firstBroken)
                    File.WriteAllText(path, "not a photo");
                else
                    File.Copy(i % 2 == 0 ? TestFiles.Square : TestFiles.Rickshaw, path);
            }
        }

        private static string[] Outputs(TemporaryDirectory folder)
            => Directory.Exists(folder.File("out")) ? Directory.GetFiles(folder.File("out")) : Array.Empty<string>();

        private static void AssertNothingMoreAppears(ModuleHost host, TemporaryDirectory folder, int outputs)
        {
            Assert.Equal(outputs, Outputs(folder).Length);
            Assert.DoesNotContain(Outputs(folder), f => Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal));

            // The cmdlet has returned: no photo may still be converting behind it. The classes that convert share
            // one collection, so the module's engines run this test's photos alone.
            Assert.Equal(0, host.RunningConversions());
        }

        [Fact]
        public void ShouldReportProgressFromTheFirstStageUnderAnIdOfItsOwnWithFreshRecords()
        {
            using var folder = new TemporaryDirectory();
            Photos(folder, 3);
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = _host.Runspace;
            shell.AddScript($"Write-Progress -Id 1 -Activity 'my script' -Status 'still mine'; Convert-ToAnime -Path '{folder.File("batch")}/*.jpg' -MaxSize 64 -NoFaceEnhancement -ThrottleLimit 1 -ModelsPath '{ModuleHost.Models}'");

            shell.Invoke();

            var records = shell.Streams.Progress.Where(p => p.Activity == "Converting to anime").ToList();
            Assert.Equal("p0.jpg: reading (0 of 3 done)", records[0].StatusDescription);
            Assert.Equal(0, records[0].PercentComplete);
            Assert.Contains(records, r => r.StatusDescription.StartsWith("p0.jpg: stylizing", StringComparison.Ordinal));
            Assert.All(records, r => Assert.NotEqual(1, r.ActivityId));
            Assert.Equal(records.Count, records.Distinct().Count());
            Assert.Equal(ProgressRecordType.Completed, records[^1].RecordType);
            Assert.DoesNotContain(shell.Streams.Progress, p => p.ActivityId == 1 && p.RecordType == ProgressRecordType.Completed);
        }

        [Fact]
        public void ShouldReportAVideosProgressFrameByFrameOnOneBarThatOnlyMovesForward()
        {
            // 30 frames with a sound track: the container's duration runs past the last frame, so an estimate
            // from it would say "of 31".
            using var folder = new TemporaryDirectory();
            var clip = Clips.Make(folder.File("clip.mp4"), 160, 120, 30, 1);
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = _host.Runspace;
            shell.AddScript($"Convert-ToAnime '{clip}' -MaxSize 64 -NoFaceEnhancement -ModelsPath '{ModuleHost.Models}'");

            var output = shell.Invoke();

            Assert.Single(output);
            var records = shell.Streams.Progress.Where(p => p.Activity == "Converting to anime").ToList();
            var frames = records.Select(p => p.StatusDescription).Where(s => s.Contains(": frame ", StringComparison.Ordinal)).ToList();
            Assert.Contains("clip.mp4: frame 15 of 30 (0 of 1 done)", frames);
            Assert.Contains("clip.mp4: frame 30 of 30 (0 of 1 done)", frames);
            Assert.All(frames, s => Assert.EndsWith(" of 30 (0 of 1 done)", s, StringComparison.Ordinal));
            Assert.Contains(records, p => p.StatusDescription.StartsWith("clip.mp4: frame 15", StringComparison.Ordinal) && p.PercentComplete == 50);
            var percents = records.Select(p => p.PercentComplete).ToList();
            Assert.Equal(percents.OrderBy(p => p), percents);
            Assert.Contains(records, p => p.StatusDescription.StartsWith("clip.mp4: writing", StringComparison.Ordinal) && p.PercentComplete == 100);
        }

        [Fact]
        public void ShouldStopAtAKnownStageAndLeaveOnlyCompleteFiles()
        {
            using var folder = new TemporaryDirectory();
            Photos(folder, 6);
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = _host.Runspace;
            shell.AddScript($"Convert-ToAnime -Path '{folder.File("batch")}/*.jpg' -Destination '{folder.File("out")}' -MaxSize 256 -NoFaceEnhancement -ThrottleLimit 2 -ModelsPath '{ModuleHost.Models}'");

            // Stop as the third photo starts stylizing: a point in the batch, not a moment in time.
            shell.Streams.Progress.DataAdded += (_, e) =>
            {
                var record = shell.Streams.Progress[e.Index];
                if (record.StatusDescription.StartsWith("p2.jpg: stylizing", StringComparison.Ordinal))
                    shell.BeginStop(null, null);
            };
            var records = new PSDataCollection<PSObject>();
            var pending = shell.BeginInvoke<PSObject, PSObject>(null, records);
            pending.AsyncWaitHandle.WaitOne();

            // In input order the records returned may be fewer than the photos finished: exactly those are left.
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            var outputs = Outputs(folder);
            Assert.Equal(records.Select(r => (string)r.Properties["OutputPath"].Value).OrderBy(p => p, StringComparer.Ordinal), outputs.OrderBy(p => p, StringComparer.Ordinal));
            Assert.InRange(outputs.Length, 0, 2);
            Assert.DoesNotContain(outputs, o => o.EndsWith("p2_anime.jpg", StringComparison.Ordinal));
            AssertNothingMoreAppears(_host, folder, outputs.Length);
        }

        [Fact]
        public void ShouldLeaveNoFileWithoutItsRecordWhenStoppedBetweenWritingAndReturningIt()
        {
            // The stop lands at the write's end: as the progress says the first photo is done, its file renamed
            // into place and its record not yet returned. Every time, the file goes with the record it never got.
            for (var run = 0; run < 50; run++)
            {
                using var folder = new TemporaryDirectory();
                Photos(folder, 2);
                using var shell = System.Management.Automation.PowerShell.Create();
                shell.Runspace = _host.Runspace;
                shell.AddScript($"Convert-ToAnime -Path '{folder.File("batch")}/*.jpg' -Destination '{folder.File("out")}' -MaxSize 32 -NoFaceEnhancement -ThrottleLimit 1 -ModelsPath '{ModuleHost.Models}'");
                shell.Streams.Progress.DataAdded += (_, e) =>
                {
                    if (shell.Streams.Progress[e.Index].StatusDescription.StartsWith("1 of 2 done: p0.jpg", StringComparison.Ordinal))
                        shell.BeginStop(null, null);
                };
                var records = new PSDataCollection<PSObject>();
                var pending = shell.BeginInvoke<PSObject, PSObject>(null, records);
                pending.AsyncWaitHandle.WaitOne();

                Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
                Assert.Equal(records.Select(r => (string)r.Properties["OutputPath"].Value).OrderBy(p => p, StringComparer.Ordinal), Outputs(folder).OrderBy(p => p, StringComparer.Ordinal));
                AssertNothingMoreAppears(_host, folder, records.Count);
            }
        }

        [Theory]
        [InlineData("beside", "Get-ChildItem '{0}/*.jpg' | Convert-ToAnime {1}; Convert-ToAnime '{0}/*.jpg' {1}")]
        [InlineData("shard", "Get-ChildItem '{0}' -Recurse -File | Convert-ToAnime -Shard 0/1 {1}")]
        [InlineData("destination in the tree", "Get-ChildItem '{0}' -Recurse -File | Convert-ToAnime -Destination '{0}/anime' {1}")]
        public void ShouldNotConvertItsOwnOutputsWhenRunAgainOverTheSameTree(string how, string script)
        {
            using var folder = new TemporaryDirectory();
            Photos(folder, 2);
            var tree = folder.File("batch");
            var command = string.Format(CultureInfo.InvariantCulture, script, tree, $"-MaxSize 32 -NoFaceEnhancement -ModelsPath '{ModuleHost.Models}' -ErrorAction SilentlyContinue");

            using (_host.Run(command).Shell)
            {
            }

            var afterFirst = Files(tree);
            Assert.Equal(4, afterFirst.Count);
            for (var again = 0; again < 2; again++)
            {
                using (_host.Run(command).Shell)
                {
                }
            }

            Assert.True(afterFirst.SequenceEqual(Files(tree)), $"{how}: the second and third runs wrote " + string.Join(", ", Files(tree).Except(afterFirst)));
        }

        private static List<string> Files(string folder)
            => Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).OrderBy(f => f, StringComparer.Ordinal).ToList();

        [Fact]
        public void ShouldWordTheFixForAMissingModelInPowerShellTerms()
        {
            using var folder = new TemporaryDirectory();
            File.Copy(TestFiles.Square, folder.File("x.jpg"));

            var (_, shell) = _host.Run($"Convert-ToAnime '{folder.File("x.jpg")}' -ModelsPath '{folder.File("no-models")}'");

            using (shell)
            {
                var error = Assert.Single(shell.Streams.Error);
                Assert.Equal(ErrorCategory.NotInstalled, error.CategoryInfo.Category);
                Assert.Contains("Install-AnimeModel hayao", error.ToString());
                Assert.Contains("Install-AnimeModel hayao", error.ErrorDetails.RecommendedAction);
                Assert.DoesNotContain("animegan models install", error.ToString());
            }
        }

        [Fact]
        public void ShouldAcceptTheEnginesWholeWorkingSizeRange()
        {
            using var folder = new TemporaryDirectory();
            File.Copy(TestFiles.Square, folder.File("x.jpg"));

            var result = _host.Invoke($"Convert-ToAnime '{folder.File("x.jpg")}' -MaxSize 32 -NoFaceEnhancement -ModelsPath '{ModuleHost.Models}'").Single();

            Assert.Equal(512, result.Properties["Width"].Value);
            var ex = Assert.ThrowsAny<Exception>(() => _host.Invoke($"Convert-ToAnime '{folder.File("x.jpg")}' -MaxSize 9000"));
            Assert.Contains("8192", ex.Message);
        }
    }
}
