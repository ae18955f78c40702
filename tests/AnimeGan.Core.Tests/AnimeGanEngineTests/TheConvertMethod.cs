using ImageMagick.Drawing;

namespace AnimeGan.Core.Tests.AnimeGanEngineTests
{
    public class TheConvertMethod
    {
        [Fact]
        public void ShouldWriteAFullResolutionResultBesideAnUntouchedOriginal()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("street.jpg"), 640);
            var before = TestImages.Sha256(input);

            var result = TestModels.Engine.Convert(input, folder.File("street_anime.jpg"), new StylizeOptions { MaxSize = 256 });

            Assert.Equal(before, TestImages.Sha256(input));
            using var output = TestImages.Load(result.OutputPath);
            Assert.Equal(640u, output.Width);
            Assert.Equal(MagickFormat.Jpeg, output.Format);
            Assert.Equal(new[] { "street.jpg", "street_anime.jpg" }, Directory.GetFiles(folder.Path).Select(Path.GetFileName).OrderBy(n => n, System.StringComparer.Ordinal));
        }

        [Fact]
        public void ShouldTurnAnExifRotatedPhotoUpright()
        {
            using var folder = new TemporaryDirectory();
            var input = folder.File("rotated.jpg");
            // Stored 96x64 landscape: left half red, right half blue. Orientation 6 means "rotate 90°
            // clockwise to view", so the upright picture is 64x96 with red on top.
            using (var image = new MagickImage(MagickColors.Blue, 96, 64))
            {
                image.Draw(new Drawables().FillColor(MagickColors.Red).Rectangle(0, 0, 47, 63));
                var exif = new ExifProfile();
                exif.SetValue(ExifTag.Orientation, (ushort)6);
                image.SetProfile(exif);
                image.Orientation = Orientation.RightTop;
                image.Write(input, MagickFormat.Jpeg);
            }

            var result = TestModels.Engine.Convert(input, folder.File("upright.png"), new StylizeOptions { Strength = 0.3 });

            using var output = TestImages.Load(result.OutputPath);
            Assert.Equal(64u, output.Width);
            Assert.Equal(96u, output.Height);
            using var pixels = output.GetPixels();
            var top = pixels.GetPixel(32, 10)!.ToColor()!;
            var bottom = pixels.GetPixel(32, 85)!.ToColor()!;
            Assert.True(top.R > top.B, "the top should be red");
            Assert.True(bottom.B > bottom.R, "the bottom should be blue");
            var written = output.GetExifProfile();
            Assert.True(written == null || written.GetValue(ExifTag.Orientation)?.Value == 1);
        }

        [Fact]
        public void ShouldKeepAlphaInAPng()
        {
            using var folder = new TemporaryDirectory();
            var input = folder.File("sticker.png");
            // Left half fully transparent, right half opaque.
            var photo = TestImages.Photo(TestFiles.Square, 128);
            var rgba = new byte[128 * 128 * 4];
            for (var i = 0; i < 128 * 128; i++)
            {
                rgba[(i * 4) + 0] = photo.Rgb[i * 3];
                rgba[(i * 4) + 1] = photo.Rgb[(i * 3) + 1];
                rgba[(i * 4) + 2] = photo.Rgb[(i * 3) + 2];
                rgba[(i * 4) + 3] = (byte)(i % 128 < 64 ? 0 : 255);
            }

            using (var image = new MagickImage())
            {
                image.ReadPixels(rgba, new PixelReadSettings(128, 128, StorageType.Char, PixelMapping.RGBA));
                image.Write(input, MagickFormat.Png);
            }

            var result = TestModels.Engine.Convert(input, folder.File("sticker_anime.png"));

            using var output = TestImages.Load(result.OutputPath);
            Assert.True(output.HasAlpha);
            using var pixels = output.GetPixels();
            Assert.Equal(0, pixels.GetPixel(10, 10)!.ToColor()!.A);
            Assert.Equal(255, pixels.GetPixel(100, 64)!.ToColor()!.A);
        }

        [Fact]
        public void ShouldNotReplaceAnExistingFileUnlessAsked()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(TestFiles.Square, folder.File("a.jpg"), 96);
            var existing = TestImages.WriteBytes(folder.File("a_anime.jpg"), new byte[] { 1, 2, 3 });

            var ex = Assert.Throws<AnimeGanException>(() => TestModels.Engine.Convert(input, existing));
            Assert.Equal(AnimeGanErrorCode.OutputExists, ex.Code);
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(existing));

            TestModels.Engine.Convert(input, existing, null, new OutputOptions { Overwrite = true });
            Assert.True(new FileInfo(existing).Length > 100);
        }

        [Fact]
        public void ShouldNeverWriteOverItsOwnInputEvenWhenOverwriteIsAllowed()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(TestFiles.Square, folder.File("self.jpg"), 96);
            var before = TestImages.Sha256(input);

            var ex = Assert.Throws<AnimeGanException>(() => TestModels.Engine.Convert(input, input, null, new OutputOptions { Overwrite = true }));

            Assert.Equal(AnimeGanErrorCode.OutputIsInput, ex.Code);
            Assert.Equal(before, TestImages.Sha256(input));
        }

        [Fact]
        public void ShouldWriteIdenticalBytesForIdenticalConversions()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("in.jpg"), 300);
            foreach (var extension in new[] { ".jpg", ".png" })
            {
                var first = TestModels.Engine.Convert(input, folder.File("one" + extension)).OutputPath;
                var second = TestModels.Engine.Convert(input, folder.File("two" + extension)).OutputPath;
                Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
            }
        }

        [Fact]
        public void ShouldKeepExifAndTheColourProfile()
        {
            using var folder = new TemporaryDirectory();
            var input = folder.File("camera.jpg");
            using (var image = new MagickImage(TestFiles.Square))
            {
                image.Resize(96, 96);
                var exif = new ExifProfile();
                exif.SetValue(ExifTag.Make, "TestCam");
                image.SetProfile(exif);
                image.SetProfile(ColorProfiles.SRGB);
                image.Write(input, MagickFormat.Jpeg);
            }

            var result = TestModels.Engine.Convert(input, folder.File("camera_anime.jpg"));

            using var output = TestImages.Load(result.OutputPath);
            Assert.Equal("TestCam", output.GetExifProfile()?.GetValue(ExifTag.Make)?.Value);
            Assert.NotNull(output.GetColorProfile());
        }

        [Fact]
        public void ShouldChooseTheFormatFromTheOutputExtension()
        {
            using var folder = new TemporaryDirectory();
            var input = TestImages.WritePhoto(TestFiles.Square, folder.File("in.jpg"), 96);
            var result = TestModels.Engine.Convert(input, folder.File("out.webp"));
            using var output = TestImages.Load(result.OutputPath);
            Assert.Equal(MagickFormat.WebP, output.Format);
        }
    }
}
