using AnimeGan.Core.IO;

namespace AnimeGan.Core.Tests.HostileInputTests
{
    public class TheEngineOnHostileFiles
    {
        private static readonly StylizeOptions Fast = new StylizeOptions { MaxSize = 128, Style = "cute" };

        public static TheoryData<string> RefusedNames() => new TheoryData<string>(HostileFiles.Refused().Select(f => f.Name));

        public static TheoryData<string> AcceptedNames() => new TheoryData<string>(HostileFiles.Accepted().Select(f => f.Name));

        [Theory]
        [MemberData(nameof(RefusedNames))]
        public void ShouldRefuseWithTheFileAndReasonAndLeaveNothingBehind(string name)
        {
            using var folder = new TemporaryDirectory();
            HostileFiles.WriteAll(folder, HostileFiles.Refused().Where(f => f.Name == name));
            var input = folder.File(name);
            var before = HostileFiles.Hashes(folder.Path);

            var ex = Assert.Throws<AnimeGanException>(() => TestModels.Engine.Convert(input, folder.File("out.png"), Fast));

            Assert.StartsWith(input, ex.Message);
            Assert.Contains(ex.Code, new[] { AnimeGanErrorCode.UnsupportedFormat, AnimeGanErrorCode.CorruptImage, AnimeGanErrorCode.ImageTooLarge });
            Assert.Equal(before, HostileFiles.Hashes(folder.Path));
            Assert.False(File.Exists("/tmp/leak.png"));
        }

        [Theory]
        [MemberData(nameof(AcceptedNames))]
        public void ShouldConvertUnusualButValidFilesAndKeepTheOriginal(string name)
        {
            using var folder = new TemporaryDirectory();
            HostileFiles.WriteAll(folder, HostileFiles.Accepted().Where(f => f.Name == name));
            var input = folder.File(name);
            var before = TestImages.Sha256(input);

            var result = TestModels.Engine.Convert(input, OutputPaths.ForInput(input), Fast);

            Assert.Equal(before, TestImages.Sha256(input));
            using var output = TestImages.Load(result.OutputPath);
            Assert.True(output.Width > 0);
            Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
        }

        [Fact]
        public void ShouldNotReadAPathThatLooksLikeACoderPrefix()
        {
            var ex = Assert.Throws<AnimeGanException>(() => TestModels.Engine.Convert("text:/etc/passwd", Path.Combine(Path.GetTempPath(), "never.png"), Fast));
            Assert.Equal(AnimeGanErrorCode.InputNotFound, ex.Code);
        }

        [Fact]
        public void ShouldExplainAnUnwritableOutputFolderWithoutLeavingAPartialFile()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WriteBytes(folder.File("in.jpg"), HostileFiles.Encode(ImageMagick.MagickFormat.Jpeg));

            // A file where the output folder should be cannot be written into, even by root.
            File.WriteAllText(folder.File("blocked"), "a file where a folder should be");
            var ex = Assert.Throws<AnimeGanException>(() => TestModels.Engine.Convert(input, Path.Combine(folder.File("blocked"), "out.png"), Fast));
            Assert.Equal(AnimeGanErrorCode.WriteFailed, ex.Code);
            Assert.Contains("out.png", ex.Message);
            Assert.DoesNotContain(".tmp", ex.Message);
            Assert.Equal(2, Directory.GetFiles(folder.Path).Length);

            if (!OperatingSystem.IsWindows() && Environment.UserName != "root")
            {
                var locked = Directory.CreateDirectory(folder.File("locked")).FullName;
                File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
                try
                {
                    var denied = Assert.Throws<AnimeGanException>(() => TestModels.Engine.Convert(input, Path.Combine(locked, "out.png"), Fast));
                    Assert.Equal(AnimeGanErrorCode.WriteFailed, denied.Code);
                    Assert.Empty(Directory.GetFiles(locked));
                }
                finally
                {
                    File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }

        [Fact]
        public async Task ShouldLetOnlyOneOfTwoSimultaneousConversionsWriteTheSameOutput()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("in.jpg"), 400);
            var output = folder.File("same.png");

            var attempts = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                try
                {
                    TestModels.Engine.Convert(input, output, new StylizeOptions { MaxSize = 256 });
                    return (AnimeGanException?)null;
                }
                catch (AnimeGanException ex)
                {
                    return ex;
                }
            })).ToArray();
            var results = await Task.WhenAll(attempts);

            Assert.Single(results, r => r == null);
            Assert.Equal(AnimeGanErrorCode.OutputExists, Assert.Single(results, r => r != null)!.Code);
            using var written = TestImages.Load(output);
            Assert.Equal(400u, written.Width);
            Assert.Equal(new[] { "in.jpg", "same.png" }, Directory.GetFiles(folder.Path).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void ShouldRefuseACorruptModelWhoseHashTheManifestVouchesFor()
        {
            using var folder = new TemporaryDirectory();
            var bytes = System.Text.Encoding.ASCII.GetBytes("not an onnx model at all");
            File.WriteAllBytes(folder.File("broken.onnx"), bytes);
            var sha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant();
            var manifest = ModelManifest.Parse($$"""
                { "defaultStyle": "broken", "models": [ { "id": "broken", "displayName": "Broken", "family": "AnimeGANv3", "kind": "style",
                  "file": "broken.onnx", "bytes": {{bytes.Length}}, "sha256": "{{sha}}", "licence": "x", "source": null, "layout": "NHWC", "elementType": "float16" } ] }
                """, "test manifest");
            using var engine = new AnimeGanEngine(new ModelStore(folder.Path, manifest));

            var ex = Assert.Throws<AnimeGanException>(() => engine.LoadStyle("broken"));

            Assert.Equal(AnimeGanErrorCode.ModelLoadFailed, ex.Code);
            Assert.Contains("broken.onnx", ex.Message);
        }
    }
}
