using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using AnimeGan.Tests;

namespace AnimeGan.PowerShell.Tests.CmdletTests
{
    /// <summary>Convert-ToAnime over several photos as scripts use it: stopping early, variants made in the session, fixes worded for PowerShell.</summary>
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

        private static void AssertNothingMoreAppears(TemporaryDirectory folder, int outputs)
        {
            Assert.Equal(outputs, Outputs(folder).Length);
            Assert.DoesNotContain(Outputs(folder), f => Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal));

            // The cmdlet has returned: no photo may still be converting behind it.
            Thread.Sleep(TimeSpan.FromSeconds(3));
            Assert.Equal(outputs, Outputs(folder).Length);
            Assert.DoesNotContain(Outputs(folder), f => Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal));
        }

        [Fact]
        public void ShouldEndTheWholeBatchWhenErrorActionStopMeetsABrokenPhoto()
        {
            using var folder = new TemporaryDirectory();
            Photos(folder, 6, firstBroken: true);

            var (output, shell) = _host.Run(
                "$taken = [System.Collections.ArrayList]::new(); " +
                $"try {{ Get-ChildItem '{folder.File("batch")}' -Filter *.jpg | Convert-ToAnime -Destination '{folder.File("out")}' -MaxSize 64 -NoFaceEnhancement -ThrottleLimit 2 -ErrorAction Stop -ModelsPath '{ModuleHost.Models}' | ForEach-Object {{ [void]$taken.Add($_) }} }} " +
                "catch { $stopped = $_ }; " +
                "[pscustomobject]@{ Taken = $taken.Count; Stopped = $stopped.FullyQualifiedErrorId }");

            using (shell)
            {
                var result = Assert.Single(output);
                Assert.StartsWith("UnsupportedFormat", (string)result.Properties["Stopped"].Value);
                AssertNothingMoreAppears(folder, (int)result.Properties["Taken"].Value);
            }
        }

        [Fact]
        public void ShouldLeaveExactlyOneOutputForSelectObjectFirstOne()
        {
            using var folder = new TemporaryDirectory();
            Photos(folder, 6);

            var output = _host.Invoke($"Get-ChildItem '{folder.File("batch")}' -Filter *.jpg | Convert-ToAnime -Destination '{folder.File("out")}' -MaxSize 64 -NoFaceEnhancement -ThrottleLimit 2 -ModelsPath '{ModuleHost.Models}' | Select-Object -First 1");

            Assert.Single(output);
            AssertNothingMoreAppears(folder, 1);
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
            var pending = shell.BeginInvoke();
            pending.AsyncWaitHandle.WaitOne();

            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            var outputs = Outputs(folder);
            Assert.InRange(outputs.Length, 1, 5);
            Assert.DoesNotContain(outputs, o => o.EndsWith("p2_anime.jpg", StringComparison.Ordinal));
            AssertNothingMoreAppears(folder, outputs.Length);
        }

        [Fact]
        public void ShouldUseAVariantMadeEarlierInTheSameSession()
        {
            using var folder = new TemporaryDirectory();
            var models = folder.File("models");
            File.Copy(TestFiles.Square, folder.File("x.jpg"));
            _host.Invoke($"Install-AnimeModel cute -SourcePath '{TestFiles.ModelsFolder}' -ModelsPath '{models}'");

            _host.Invoke($"Convert-ToAnime '{folder.File("x.jpg")}' -Style cute -MaxSize 64 -NoFaceEnhancement -ModelsPath '{models}'");
            _host.Invoke($"Optimize-AnimeModel cute -Kind Int8 -CalibrationPath '{TestFiles.Portraits}' -ModelsPath '{models}'");
            var result = _host.Invoke($"Convert-ToAnime '{folder.File("x.jpg")}' -Style cute@int8 -Suffix _int8 -MaxSize 64 -NoFaceEnhancement -ModelsPath '{models}'").Single();

            Assert.Equal("cute@int8", result.Properties["Style"].Value);
            Assert.True(File.Exists(folder.File("x_int8.jpg")));
        }

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
        public void ShouldNameForceForAnExistingOutput()
        {
            using var folder = new TemporaryDirectory();
            File.Copy(TestFiles.Square, folder.File("x.jpg"));
            File.WriteAllText(folder.File("x_anime.jpg"), "keep me");

            var (_, shell) = _host.Run($"Convert-ToAnime '{folder.File("x.jpg")}' -MaxSize 64 -ModelsPath '{ModuleHost.Models}'");

            using (shell)
            {
                var error = Assert.Single(shell.Streams.Error);
                Assert.StartsWith("OutputExists", error.FullyQualifiedErrorId);
                Assert.Contains("-Force", error.ToString());
                Assert.DoesNotContain("use overwrite", error.ToString());
            }

            Assert.Equal("keep me", File.ReadAllText(folder.File("x_anime.jpg")));
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
