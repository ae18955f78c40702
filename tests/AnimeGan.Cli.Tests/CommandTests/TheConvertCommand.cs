namespace AnimeGan.Cli.Tests.CommandTests
{
    public class TheConvertCommand
    {
        [Fact]
        public async Task ShouldMirrorAPatternsFoldersWithRecurseAndTakeQuestionMarksAndSets()
        {
            using var folder = new TemporaryDirectory();
            var tree = Directory.CreateDirectory(folder.File("tree")).FullName;
            foreach (var name in new[] { "a/x.jpg", "b/x.jpg", "1.jpg", "2.jpg", "3.jpg", "ab.jpg" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(tree, name))!);
                TestImages.WritePhoto(TestFiles.Square, Path.Combine(tree, name), 48);
            }

            var mirrored = await CliRun.RunAsync("convert", Path.Combine(tree, "*.jpg"), "-r", "-o", folder.File("out"), "--max-size", "32", "--no-faces");
            var set = await CliRun.RunAsync("convert", Path.Combine(tree, "[12].jpg"), "-o", folder.File("set"), "--max-size", "32", "--no-faces");
            var one = await CliRun.RunAsync("convert", Path.Combine(tree, "?.jpg"), "-o", folder.File("one"), "--max-size", "32", "--no-faces");

            Assert.True(mirrored.ExitCode == 0, mirrored.Error);
            Assert.True(File.Exists(folder.File("out/a/x_anime.jpg")) && File.Exists(folder.File("out/b/x_anime.jpg")) && File.Exists(folder.File("out/ab_anime.jpg")), mirrored.Out + mirrored.Error);
            Assert.Equal(new[] { "1_anime.jpg", "2_anime.jpg" }, Directory.GetFiles(folder.File("set")).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(new[] { "1_anime.jpg", "2_anime.jpg", "3_anime.jpg" }, Directory.GetFiles(folder.File("one")).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public async Task ShouldKnowItsOwnOutputRenamedByItsExif()
        {
            using var folder = new TemporaryDirectory();
            TestImages.WritePhoto(TestFiles.Square, folder.File("a.jpg"), 64);
            var first = await CliRun.RunAsync("convert", folder.File("a.jpg"), "--max-size", "32", "--no-faces");
            Assert.Equal(0, first.ExitCode);
            File.Move(folder.File("a_anime.jpg"), folder.File("holiday.jpg"));
            File.Delete(folder.File("a.jpg"));

            var again = await CliRun.RunAsync("convert", folder.Path, "--max-size", "32", "--no-faces");

            Assert.Equal(0, again.ExitCode);
            Assert.Contains($"{folder.File("holiday.jpg")}: an output of this tool (its EXIF says so); not converted again.", again.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(folder.File("holiday_anime.jpg")));
        }

        [Fact]
        public async Task ShouldNotConvertItsOwnOutputsWhenRunAgainOverTheSameTree()
        {
            using var folder = new TemporaryDirectory();
            var tree = Directory.CreateDirectory(folder.File("tree")).FullName;
            TestImages.WritePhoto(TestFiles.Square, Path.Combine(tree, "a.jpg"), 64);
            Directory.CreateDirectory(Path.Combine(tree, "b"));
            TestImages.WritePhoto(TestFiles.Square, Path.Combine(tree, "b", "c.jpg"), 64);
            var runs = new[]
            {
                new[] { "convert", tree, "-r", "-o", Path.Combine(tree, "anime"), "--max-size", "32", "--no-faces" },
                new[] { "convert", Path.Combine(tree, "*.jpg"), "--max-size", "32", "--no-faces" },
                new[] { "convert", Path.Combine(tree, "a.jpg"), Path.Combine(tree, "anime", "a_anime.jpg"), "-o", Path.Combine(tree, "anime"), "--max-size", "32", "--no-faces", "--skip-existing" },
            };
            foreach (var args in runs)
                await CliRun.RunAsync(args);
            var afterFirst = Directory.GetFiles(tree, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();

            CliRun? named = null;
            foreach (var args in runs)
                named = await CliRun.RunAsync(args);

            Assert.Equal(afterFirst, Directory.GetFiles(tree, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal));
            Assert.Contains("a_anime.jpg: an output of this tool (its name ends in _anime); not converted again.", named!.Error, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ShouldWritePhotoAnimeBesideThePhotoAndExitZero()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(TestFiles.Square, folder.File("photo.jpg"), 200);

            var run = await CliRun.RunAsync("convert", input, "--max-size", "128");

            Assert.Equal(0, run.ExitCode);
            Assert.True(File.Exists(folder.File("photo_anime.jpg")), run.Error);
            Assert.Contains("photo_anime.jpg", run.Out);
        }

        [Fact]
        public async Task ShouldReportABadFileAndConvertTheRestWithExitOne()
        {
            using var folder = new TemporaryDirectory();
            TestImages.WritePhoto(TestFiles.Square, folder.File("a.jpg"), 96);
            TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("c.jpg"), 96);
            var bad = TestImages.WriteBytes(folder.File("b.jpg"), System.Text.Encoding.ASCII.GetBytes("not a photo"));

            var run = await CliRun.RunAsync("convert", folder.Path, "-o", folder.File("out"));

            Assert.Equal(1, run.ExitCode);
            Assert.Contains(bad, run.Error);
            Assert.Contains("not a JPEG", run.Error);
            Assert.Equal(new[] { "a_anime.jpg", "c_anime.jpg" }, Directory.GetFiles(folder.File("out")).Select(Path.GetFileName).OrderBy(n => n));
        }

        [Fact]
        public async Task ShouldMirrorSubFoldersWithRecurseAndSkipEarlierResults()
        {
            using var folder = new TemporaryDirectory();
            Directory.CreateDirectory(folder.File("trip/day1"));
            TestImages.WritePhoto(TestFiles.Square, folder.File("trip/day1/x.jpg"), 80);
            TestImages.WritePhoto(TestFiles.Square, folder.File("trip/y.png"), 80, MagickFormat.Png);
            TestImages.WritePhoto(TestFiles.Square, folder.File("trip/y_anime.png"), 80, MagickFormat.Png);

            var run = await CliRun.RunAsync("convert", folder.File("trip"), "-r", "-o", folder.File("anime"), "--jobs", "2");

            Assert.Equal(0, run.ExitCode);
            Assert.True(File.Exists(folder.File("anime/day1/x_anime.jpg")), run.Out + run.Error);
            Assert.True(File.Exists(folder.File("anime/y_anime.png")));
            Assert.False(File.Exists(folder.File("anime/y_anime_anime.png")));
        }

        [Fact]
        public async Task ShouldWriteASingleOutputFileInTheFormatOfItsExtension()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(TestFiles.Square, folder.File("in.jpg"), 96);

            var run = await CliRun.RunAsync("convert", input, "-o", folder.File("art.png"), "-s", "shinkai");

            Assert.Equal(0, run.ExitCode);
            using var image = new MagickImage(folder.File("art.png"));
            Assert.Equal(MagickFormat.Png, image.Format);
        }

        [Fact]
        public async Task ShouldKeepThePhotosColoursWithKeepColors()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("in.png"), 160, MagickFormat.Png);
            var settings = new StylizeOptions { MaxSize = 128, Faces = false };

            var run = await CliRun.RunAsync("convert", input, "--keep-colors", "--no-faces", "--max-size", "128", "-o", folder.File("cli.png"));

            Assert.Equal(0, run.ExitCode);
            TestModels.Engine.Convert(input, folder.File("kept.png"), settings with { KeepColors = true });
            TestModels.Engine.Convert(input, folder.File("plain.png"), settings);
            var written = File.ReadAllBytes(folder.File("cli.png"));
            Assert.Equal(File.ReadAllBytes(folder.File("kept.png")), written);
            Assert.NotEqual(File.ReadAllBytes(folder.File("plain.png")), written);
        }

        [Fact]
        public async Task ShouldKeepAnExistingOutputWithoutOverwrite()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(TestFiles.Square, folder.File("p.jpg"), 96);
            File.WriteAllText(folder.File("p_anime.jpg"), "keep me");

            var run = await CliRun.RunAsync("convert", input);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("already exists", run.Error);
            Assert.Contains("Use --overwrite to replace it.", run.Error);
            Assert.Equal("keep me", File.ReadAllText(folder.File("p_anime.jpg")));
            Assert.Equal(0, (await CliRun.RunAsync("convert", input, "--overwrite")).ExitCode);
        }

        [Theory]
        [InlineData("--strength", "1.5", "--strength")]
        [InlineData("--jobs", "0", "--jobs")]
        [InlineData("--format", "pdf", "--format")]
        [InlineData("--quality", "0", "--quality")]
        [InlineData("--bogus", "1", "--bogus")]
        [InlineData("--style", "nope", "--style 'nope' is not a known style; choose one of: hayao, shinkai")]
        [InlineData("--style", "retinaface", "--style 'retinaface' is a face detector, not a style; choose one of: hayao, shinkai")]
        [InlineData("--face-style", "nope", "--face-style 'nope'")]
        [InlineData("--precision", "half", "--precision 'half' is not one of auto, float, int8.")]
        [InlineData("--precision", "2", "--precision '2' is not one of auto, float, int8.")]
        [InlineData("--face-detector", "hayao", "--face-detector 'hayao' is a style, not a face detector; choose one of: retinaface, yunet")]
        public async Task ShouldExitTwoOnAUsageErrorNamingTheOption(string option, string value, string named)
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(TestFiles.Square, folder.File("p.jpg"), 64);

            var run = await CliRun.RunAsync("convert", input, option, value);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains(named, run.Error);
            Assert.False(File.Exists(folder.File("p_anime.jpg")));
        }

        [Fact]
        public async Task ShouldRefuseAFileNameAsTheOutputOfSeveralPhotos()
        {
            using var folder = new TemporaryDirectory();
            var first = TestImages.WritePhoto(TestFiles.Square, folder.File("a.jpg"), 64);
            var second = TestImages.WritePhoto(TestFiles.Square, folder.File("b.jpg"), 64);

            var run = await CliRun.RunAsync("convert", first, second, "-o", folder.File("art.png"));

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("names one file, but 2 photos", run.Error);
            Assert.False(Directory.Exists(folder.File("art.png")));
            Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
        }

        [Fact]
        public async Task ShouldExitOneWithInstallAdviceWhenTheModelIsMissing()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(TestFiles.Square, folder.File("p.jpg"), 64);

            var run = await CliRun.RunWithoutModelsAsync(folder.File("no-models"), "convert", input);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("The model 'hayao' is not installed", run.Error);
            Assert.Contains("Install it with 'animegan models install hayao'", run.Error);
        }

        [Fact]
        public async Task ShouldConvertPhotosWhoseNamesDifferOnlyInCaseWhereTheFileSystemKeepsThemApart()
        {
            Assert.True(System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux), "this test runs where file names are case-sensitive");
            using var folder = new TemporaryDirectory();
            var upper = TestImages.WritePhoto(TestFiles.Square, folder.File("A.jpg"), 64);
            var lower = TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("a.jpg"), 64);

            var run = await CliRun.RunAsync("convert", upper, lower, "--no-faces");

            Assert.Equal(0, run.ExitCode);
            Assert.True(File.Exists(folder.File("A_anime.jpg")), run.Error);
            Assert.True(File.Exists(folder.File("a_anime.jpg")), run.Error);
        }

        [Fact]
        public async Task ShouldConvertAVideoKeepingItsSound()
        {
            using var folder = new TemporaryDirectory();
            var clip = Clips.Make(folder.File("clip.mp4"), 160, 120, 10, 1);

            var run = await CliRun.RunAsync("convert", clip, "-s", "shinkai", "--max-size", "96");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("clip_anime.mp4", run.Out);
            var probe = Clips.Probe(folder.File("clip_anime.mp4"));
            Assert.Equal("10", Clips.Stream(probe, "video").GetProperty("nb_read_frames").GetString());
            Assert.Equal("aac", Clips.Stream(probe, "audio").GetProperty("codec_name").GetString());
        }

        [Fact]
        public async Task ShouldNameAMissingInput()
        {
            var run = await CliRun.RunAsync("convert", "/no/such/photo.jpg");
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("/no/such/photo.jpg", run.Error);
        }

        [Fact]
        public async Task ShouldShowExamplesInHelp()
        {
            var run = await CliRun.RunAsync("convert", "--help");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("--strength", run.Out);
            Assert.Contains("Examples:", run.Out);
            Assert.Contains("animegan convert photo.jpg", run.Out);
        }

        [Theory]
        [InlineData("convert")]
        [InlineData("models list")]
        [InlineData("models verify")]
        [InlineData("serve")]
        public async Task ShouldShowExamplesAndTheExitCodesInEveryCommandsHelp(string command)
        {
            var run = await CliRun.RunAsync(command.Split(' ').Append("--help").ToArray());
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Examples:", run.Out);
            Assert.Contains("Exit codes:", run.Out);
            Assert.Contains("130  stopped by Ctrl+C", run.Out);
        }
    }
}
