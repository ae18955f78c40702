namespace AnimeGan.Core.Tests.ImageDecoderTests
{
    public class TheReadMethod
    {
        [Fact]
        public void ShouldConvertCmykToSrgb()
        {
            using var folder = new TemporaryDirectory();
            var path = folder.File("cmyk.jpg");
            using (var image = new MagickImage(MagickColors.Red, 32, 32))
            {
                image.ColorSpace = ColorSpace.CMYK;
                image.Write(path, MagickFormat.Jpeg);
            }

            var decoded = ImageDecoder.Read(path);

            Assert.Equal(32 * 32 * 3, decoded.Pixels.Rgb.Length);
            Assert.True(decoded.Pixels.Rgb[0] > 180 && decoded.Pixels.Rgb[2] < 80, $"red came out as {decoded.Pixels.Rgb[0]},{decoded.Pixels.Rgb[1]},{decoded.Pixels.Rgb[2]}");
        }

        [Fact]
        public void ShouldReadSixteenBitAndGrayscalePngs()
        {
            using var folder = new TemporaryDirectory();
            var deep = folder.File("deep.png");
            using (var image = new MagickImage(MagickColors.Orange, 16, 16))
            {
                image.Depth = 16;
                image.Write(deep, MagickFormat.Png48);
            }

            var gray = folder.File("gray.png");
            using (var image = new MagickImage(new MagickColor("#808080"), 16, 16))
            {
                image.ColorType = ColorType.Grayscale;
                image.Write(gray, MagickFormat.Png);
            }

            Assert.Equal(16, ImageDecoder.Read(deep).Pixels.Width);
            var g = ImageDecoder.Read(gray).Pixels.Rgb;
            Assert.Equal(16 * 16 * 3, g.Length);
            Assert.InRange(g[0], 120, 136);
            Assert.Equal(g[0], g[1]);
            Assert.Equal(g[1], g[2]);
        }

        [Fact]
        public void ShouldReadTheFirstFrameOfAnAnimatedGif()
        {
            using var folder = new TemporaryDirectory();
            var path = folder.File("anim.gif");
            using (var frames = new MagickImageCollection())
            {
                frames.Add(new MagickImage(MagickColors.Red, 20, 10));
                frames.Add(new MagickImage(MagickColors.Blue, 20, 10));
                frames.Write(path, MagickFormat.Gif);
            }

            var decoded = ImageDecoder.Read(path);

            Assert.Equal(20, decoded.Pixels.Width);
            Assert.True(decoded.Pixels.Rgb[0] > 200 && decoded.Pixels.Rgb[2] < 50);
        }

        [Fact]
        public void ShouldReadAPngNamedJpg()
        {
            using var folder = new TemporaryDirectory();
            var path = TestImages.WritePhoto(TestFiles.Square, folder.File("actually-png.jpg"), 32, MagickFormat.Png);
            Assert.Equal(RasterFormat.Png, ImageDecoder.Read(path).Metadata.SourceFormat);
        }

        [Theory]
        [InlineData("text.jpg", "hello, this is not a picture")]
        [InlineData("vector.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>")]
        [InlineData("draw.mvg", "viewbox 0 0 10 10 fill red rectangle 0,0 10,10")]
        [InlineData("script.msl", "<?xml version=\"1.0\"?><image><read filename=\"/etc/passwd\"/></image>")]
        public void ShouldRefuseFilesThatAreNotAllowedRasterFormats(string name, string content)
        {
            using var folder = new TemporaryDirectory();
            var path = folder.File(name);
            File.WriteAllText(path, content);

            var ex = Assert.Throws<AnimeGanException>(() => ImageDecoder.Read(path));

            Assert.Equal(AnimeGanErrorCode.UnsupportedFormat, ex.Code);
            Assert.StartsWith(path, ex.Message);
        }

        [Fact]
        public void ShouldRefuseAnEmptyFile()
        {
            using var folder = new TemporaryDirectory();
            var path = TestImages.WriteBytes(folder.File("empty.jpg"), Array.Empty<byte>());
            var ex = Assert.Throws<AnimeGanException>(() => ImageDecoder.Read(path));
            Assert.Equal(AnimeGanErrorCode.CorruptImage, ex.Code);
            Assert.Contains("empty", ex.Message);
        }

        [Theory]
        [InlineData(MagickFormat.Jpeg)]
        [InlineData(MagickFormat.Png)]
        public void ShouldRefuseATruncatedFile(MagickFormat format)
        {
            using var folder = new TemporaryDirectory();
            var whole = TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("whole"), 200, format);
            var bytes = File.ReadAllBytes(whole);
            var path = TestImages.WriteBytes(folder.File("cut"), bytes.AsSpan(0, bytes.Length / 2).ToArray());

            var ex = Assert.Throws<AnimeGanException>(() => ImageDecoder.Read(path));

            Assert.Equal(AnimeGanErrorCode.CorruptImage, ex.Code);
            Assert.StartsWith(path, ex.Message);
            // ImageMagick's reason in plain words: the path once, and no source location ("@ warning/jpeg.c/...").
            Assert.Equal(ex.Message.IndexOf(path, StringComparison.Ordinal), ex.Message.LastIndexOf(path, StringComparison.Ordinal));
            Assert.DoesNotContain(" @ ", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("`", ex.Message, StringComparison.Ordinal);
            Assert.EndsWith(").", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldRefuseADecompressionBombBeforeDecodingIt()
        {
            using var folder = new TemporaryDirectory();
            var path = TestImages.WriteBytes(folder.File("bomb.png"), TestImages.PngWithHeaderSize(50000, 50000));

            var ex = Assert.Throws<AnimeGanException>(() => ImageDecoder.Read(path));

            Assert.Equal(AnimeGanErrorCode.ImageTooLarge, ex.Code);
            Assert.Contains("50000", ex.Message);
        }

        [Fact]
        public void ShouldNameAMissingFile()
        {
            var ex = Assert.Throws<AnimeGanException>(() => ImageDecoder.Read("/no/such/photo.jpg"));
            Assert.Equal(AnimeGanErrorCode.InputNotFound, ex.Code);
            Assert.StartsWith("/no/such/photo.jpg", ex.Message);
        }
    }
}
