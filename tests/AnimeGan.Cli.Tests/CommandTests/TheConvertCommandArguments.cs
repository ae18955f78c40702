using System.Globalization;
using AnimeGan.Cli.Commands;
using AnimeGan.Cli.Console;

namespace AnimeGan.Cli.Tests.CommandTests
{
    /// <summary>How `animegan convert` maps its command line to batch options, checked without running a model.</summary>
    public class TheConvertCommandArguments
    {
        private static async Task<(int ExitCode, ConvertArgs? Args, string Error)> ParseAsync(params string[] args)
        {
            var recorder = new RecordingRunner();
            var error = new StringWriter();
            var code = await CliApp.RunAsync(args, new CliConsole(new StringWriter(), error, IsTerminal: false), CancellationToken.None, recorder);
            return (code, recorder.Args, error.ToString());
        }

        [Fact]
        public async Task ShouldMapEveryOptionToTheBatchOptions()
        {
            var (code, args, _) = await ParseAsync(
                "convert", "a.jpg", "shots", "-s", "shinkai", "--strength", "0.4", "-o", "out", "--suffix", "_art", "-f", "webp", "-q", "80",
                "--max-size", "512", "--overwrite", "-r", "-j", "3", "--upsampling", "lanczos", "--faces", "--face-style", "jp-face",
                "--face-detector", "yunet", "--keep-colors", "--models", "m");

            Assert.Equal(0, code);
            Assert.NotNull(args);
            Assert.Equal(new[] { "a.jpg", "shots" }, args!.Inputs);
            Assert.Equal("out", args.Output);
            Assert.True(args.Recurse);
            Assert.Equal("m", args.ModelsFolder);
            Assert.Equal(new StylizeOptions { Style = "shinkai", Strength = 0.4, MaxSize = 512, Upsampling = UpsamplingMode.Lanczos, Faces = true, FaceStyle = "jp-face", FaceDetector = "yunet", KeepColors = true }, args.Batch.Stylize);
            Assert.Equal(new OutputOptions { Format = RasterFormat.WebP, Quality = 80, Overwrite = true }, args.Batch.Output);
            Assert.Equal("_art", args.Batch.Suffix);
            Assert.Equal(3, args.Batch.Jobs);
        }

        [Fact]
        public async Task ShouldLeaveUnsetOptionsToTheEngine()
        {
            var (_, args, _) = await ParseAsync("convert", "a.jpg");

            Assert.Equal(new StylizeOptions { Strength = 1.0 }, args!.Batch.Stylize);
            Assert.Equal(new OutputOptions(), args.Batch.Output);
            Assert.Null(args.Batch.Destination);
        }

        [Theory]
        [InlineData("--max-size", "9000", "--max-size must be between 16 and 8192, not 9000")]
        [InlineData("--max-size", "8", "--max-size must be between 16 and 8192, not 8")]
        [InlineData("--strength", "1.5", "--strength must be between 0 and 1, not 1.5")]
        [InlineData("--quality", "0", "--quality must be between 1 and 100, not 0")]
        [InlineData("--jobs", "65", "--jobs must be between 1 and 64, not 65")]
        public async Task ShouldRefuseAValueOutsideTheEnginesRangeAsAUsageError(string option, string value, string message)
        {
            var (code, args, error) = await ParseAsync("convert", "a.jpg", option, value);

            Assert.Equal(2, code);
            Assert.Null(args);
            Assert.Contains(message, error);
        }

        [Fact]
        public async Task ShouldReadNumbersWithAPointWhateverTheCulture()
        {
            // de-DE writes 0,5 and reads "0.5" as 5 and "1.5" as 15: the command line must not follow it.
            var before = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            try
            {
                Assert.Equal(",", CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator);
                var (code, args, error) = await ParseAsync("convert", "a.jpg", "--strength", "0.5", "--max-size", "512");
                Assert.True(code == 0, error);
                Assert.Equal(0.5, args!.Stylize.Strength);
                Assert.Equal(512, args.Stylize.MaxSize);

                (code, _, error) = await ParseAsync("convert", "a.jpg", "--strength", "1.5");
                Assert.Equal(2, code);
                Assert.Contains("--strength must be between 0 and 1, not 1.5", error);

                (code, _, error) = await ParseAsync("convert", "a.jpg", "--strength", "0,5");
                Assert.Equal(2, code);
                Assert.Contains("--strength '0,5' is not a number such as 0.5", error);
            }
            finally
            {
                CultureInfo.CurrentCulture = before;
            }
        }

        [Fact]
        public async Task ShouldPrintNumbersWithAPointWhateverTheCulture()
        {
            var before = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            try
            {
                var run = await CliRun.RunAsync("styles");

                Assert.Equal(0, run.ExitCode);
                Assert.Matches(@"\d\.\d MB", run.Out);
                Assert.DoesNotMatch(@"\d,\d MB", run.Out);
                Assert.Equal("de-DE", CultureInfo.CurrentCulture.Name);
            }
            finally
            {
                CultureInfo.CurrentCulture = before;
            }
        }

        [Fact]
        public async Task ShouldRefuseFacesWithNoFaces()
        {
            var (code, args, error) = await ParseAsync("convert", "a.jpg", "--faces", "--no-faces");

            Assert.Equal(2, code);
            Assert.Null(args);
            Assert.Contains("--faces and --no-faces", error);
        }

        [Fact]
        public async Task ShouldSayInOneSentenceThatThePlatformHasNoNativeLibrary()
        {
            // What a platform without ImageMagick's natives meets on first use: a type initializer around the load failure.
            var error = new StringWriter();
            var missing = new TypeInitializationException("ImageMagick.Environment", new DllNotFoundException("Unable to load shared library 'Magick.Native-Q8-arm64.dll' or one of its dependencies."));

            var code = await CliApp.RunAsync(new[] { "convert", "a.jpg" }, new CliConsole(new StringWriter(), error, IsTerminal: false), CancellationToken.None, new ThrowingRunner(missing));

            Assert.Equal(1, code);
            var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("has no native library this program needs (Unable to load shared library 'Magick.Native-Q8-arm64.dll'", line, StringComparison.Ordinal);
            Assert.Contains("use a release archive or the container image", line, StringComparison.Ordinal);
        }

        private sealed class ThrowingRunner : IConvertRunner
        {
            private readonly Exception _exception;

            public ThrowingRunner(Exception exception) => _exception = exception;

            public Task<int> RunAsync(ConvertArgs args, CancellationToken cancellationToken) => throw _exception;
        }

        private sealed class RecordingRunner : IConvertRunner
        {
            public ConvertArgs? Args { get; private set; }

            public Task<int> RunAsync(ConvertArgs args, CancellationToken cancellationToken)
            {
                Args = args;
                return Task.FromResult(0);
            }
        }
    }
}
