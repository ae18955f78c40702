using System.Diagnostics;
using Xunit.Abstractions;

namespace AnimeGan.Cli.Tests.CommandTests
{
    /// <summary>
    /// `animegan convert --shard K/N` as workers on several machines run it: real processes of the built
    /// command line over one shared folder, some at once, one killed midway and started again.
    /// </summary>
    public class TheShardedConvertCommand
    {
        private const int Workers = 3;
        private readonly ITestOutputHelper _log;

        public TheShardedConvertCommand(ITestOutputHelper log) => _log = log;

        [Fact]
        public void ShouldConvertEveryPhotoExactlyOnceAcrossWorkersEvenWhenOneIsKilledAndStartedAgain()
        {
            using var folder = new TemporaryDirectory();
            var archive = folder.File("archive");
            var photos = new List<string>();
            for (var i = 0; i < 30; i++)
            {
                Directory.CreateDirectory(Path.Combine(archive, $"day{i % 3}", i % 4 == 0 ? "raw" : ""));
                photos.Add(TestImages.WritePhoto(i % 2 == 0 ? TestFiles.Square : TestFiles.Rickshaw, Path.Combine(archive, $"day{i % 3}", i % 4 == 0 ? "raw" : "", $"p{i}.jpg"), 320));
            }

            var anime = folder.File("anime");
            string[] Convert(int worker, params string[] more)
                => new[] { "--models", TestModels.Folder, "convert", archive, "-r", "-o", anime, "--no-faces", "--max-size", "128", "--jobs", "1", "--shard", $"{worker}/{Workers}" }.Concat(more).ToArray();

            // Each worker lists its part first; the parts cover the archive once, and the Kubernetes index gives the same split.
            var parts = Enumerable.Range(0, Workers).Select(k => Converted(Run(Convert(k, "--list")).Succeeded().Out)).ToList();
            Assert.Equal(photos.OrderBy(p => p, StringComparer.Ordinal), parts.SelectMany(p => p.Keys).OrderBy(p => p, StringComparer.Ordinal));
            Assert.All(parts, part => Assert.NotEmpty(part));
            var byIndex = Run(new[] { "--models", TestModels.Folder, "convert", archive, "-r", "-o", anime, "--shard-count", $"{Workers}", "--list" }, ("JOB_COMPLETION_INDEX", "1")).Succeeded().Out;
            Assert.Equal(parts[1], Converted(byIndex));
            Assert.Empty(Directory.Exists(anime) ? Directory.GetFiles(anime, "*", SearchOption.AllDirectories) : Array.Empty<string>());

            // Workers 0 and 1 run at once with worker 2, which is killed as it reports its first photo.
            using var first = Start(Convert(0));
            using var second = Start(Convert(1));
            using var killed = Start(Convert(2));
            var killedLine = killed.StandardOutput.ReadLine();
            killed.Kill(entireProcessTree: true);
            killed.WaitForExit();
            var writes = new List<string>();
            foreach (var worker in new[] { first, second })
            {
                var printed = worker.StandardOutput.ReadToEnd();
                worker.WaitForExit();
                Assert.True(worker.ExitCode == 0, printed + worker.StandardError.ReadToEnd());
                writes.AddRange(Converted(printed).Keys);
            }

            Assert.NotNull(killedLine);
            writes.AddRange(Converted(killedLine!).Keys);
            var beforeRestart = Outputs(anime);

            // Started again, worker 2 writes only what is missing and skips what it wrote before the kill.
            var restart = Run(Convert(2)).Succeeded().Out;
            var rewritten = Converted(restart);
            Assert.Empty(rewritten.Values.Intersect(beforeRestart));
            writes.AddRange(rewritten.Keys);
            Assert.Equal(parts[2].Count, rewritten.Count + restart.Split('\n').Count(l => l.Contains(": skipped, ", StringComparison.Ordinal)));

            _log.WriteLine($"parts {string.Join("/", parts.Select(p => p.Count))}; writes: workers 0 and 1 {writes.Count - rewritten.Count - Converted(killedLine!).Count}, worker 2 before the kill {beforeRestart.Length - (writes.Count - rewritten.Count - Converted(killedLine!).Count)} (reported {Converted(killedLine!).Count}), after the restart {rewritten.Count}; total files {Outputs(anime).Length}");

            // No photo was written twice; every output is complete and readable; no temporary file is left.
            Assert.Equal(writes.Count, writes.Distinct().Count());
            var outputs = Outputs(anime);
            Assert.Equal(parts.SelectMany(p => p.Values).OrderBy(p => p, StringComparer.Ordinal), outputs);
            foreach (var output in outputs)
            {
                using var image = new MagickImage(output);
                Assert.True(image.Width > 0);
            }

            Assert.Empty(Directory.GetFiles(anime, ".*", SearchOption.AllDirectories));
        }

        [Theory]
        [InlineData("4/4")]
        [InlineData("1/0")]
        [InlineData("-1/4")]
        [InlineData("one/four")]
        [InlineData("2")]
        public void ShouldRefuseAShardThatDoesNotExistAsAUsageError(string shard)
        {
            var run = Run(new[] { "--models", TestModels.Folder, "convert", TestFiles.Square, "--shard", shard });

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--shard", run.Error, StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldRefuseAKubernetesIndexWithoutAWorkerCount()
        {
            var run = Run(new[] { "--models", TestModels.Folder, "convert", TestFiles.Square, "--list" }, ("JOB_COMPLETION_INDEX", "0"));

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--shard-count", run.Error, StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldCountADamagedPhotoDoneWithFailOnErrorsFalseAndNameItInTheReport()
        {
            // An Indexed Job's shard with one damaged photo: every retry fails it again, so the Job needs exit 0 for it.
            using var folder = new TemporaryDirectory();
            var archive = Directory.CreateDirectory(folder.File("archive")).FullName;
            TestImages.WritePhoto(TestFiles.Square, Path.Combine(archive, "good.jpg"), 128);
            File.WriteAllBytes(Path.Combine(archive, "damaged.jpg"), new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5 });
            var report = folder.File("reports/shard-0.json");
            string[] Convert(string output, params string[] more)
                => new[] { "--models", TestModels.Folder, "convert", archive, "-o", folder.File(output), "--no-faces", "--max-size", "64", "--shard", "0/1" }.Concat(more).ToArray();

            var strict = Run(Convert("strict"));
            var lenient = Run(Convert("lenient", "--fail-on-errors", "false", "--report", report));

            Assert.Equal(1, strict.ExitCode);
            Assert.True(lenient.ExitCode == 0, lenient.Out + lenient.Error);
            Assert.Contains("damaged.jpg", lenient.Error, StringComparison.Ordinal);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report));
            Assert.Equal(1, json.RootElement.GetProperty("converted").GetInt32());
            var failed = Assert.Single(json.RootElement.GetProperty("failed").EnumerateArray());
            Assert.Equal(Path.Combine(archive, "damaged.jpg"), failed.GetProperty("input").GetString());
            Assert.True(failed.GetProperty("photosFault").GetBoolean());

            // A failure of the run, not of a photo (its report cannot be written: a file stands where its folder would), still fails it.
            var unwritable = Run(Convert("again", "--fail-on-errors", "false", "--report", Path.Combine(archive, "good.jpg", "report.json")));
            Assert.Equal(1, unwritable.ExitCode);
            Assert.Contains("the report could not be written", unwritable.Error, StringComparison.Ordinal);
        }

        /// <summary>Photo -> output for each "photo -> output" line (what --list prints, and what a conversion reports).</summary>
        private static Dictionary<string, string> Converted(string printed)
            => printed.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(" -> ", StringComparison.Ordinal))
                .Select(l => l.Split(" -> "))
                .ToDictionary(p => p[0], p => p[1].Split(" (")[0]);

        private static string[] Outputs(string folder)
            => Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).ToArray();

        private static Process Start(string[] arguments, params (string Name, string Value)[] environment)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "animegan.dll"));
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            start.Environment.Remove("JOB_COMPLETION_INDEX");
            start.Environment.Remove("ANIMEGAN_SHARD_COUNT");
            foreach (var (name, value) in environment)
                start.Environment[name] = value;
            return Process.Start(start)!;
        }

        private static Finished Run(string[] arguments, params (string Name, string Value)[] environment)
        {
            using var process = Start(arguments, environment);
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new Finished(process.ExitCode, output, error.Result);
        }

        private sealed record Finished(int ExitCode, string Out, string Error)
        {
            public Finished Succeeded() => ExitCode == 0 ? this : throw new InvalidOperationException($"exit {ExitCode}\n{Out}\n{Error}");
        }
    }
}
