namespace AnimeGan.Core.Tests.HostileInputTests
{
    /// <summary>Broken, tricky and hostile inputs, generated on the spot (never downloaded).</summary>
    internal static class HostileFiles
    {
        /// <summary>Files that must be refused with a clear message.</summary>
        public static IReadOnlyList<(string Name, byte[] Bytes)> Refused()
        {
            var jpeg = Encode(MagickFormat.Jpeg);
            var png = Encode(MagickFormat.Png);
            return new List<(string, byte[])>
            {
                ("zero-byte.jpg", Array.Empty<byte>()),
                ("truncated.jpg", jpeg.Take(jpeg.Length / 2).ToArray()),
                ("truncated.png", png.Take(png.Length / 2).ToArray()),
                ("text.jpg", System.Text.Encoding.UTF8.GetBytes("This is a text file with a .jpg name.\n")),
                ("bomb.png", TestImages.PngWithHeaderSize(50000, 50000)),
                ("vector.svg", System.Text.Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><image href='file:///etc/passwd'/></svg>")),
                ("draw.mvg", System.Text.Encoding.UTF8.GetBytes("push graphic-context\nviewbox 0 0 640 480\nimage over 0,0 0,0 'text:/etc/passwd'\npop graphic-context\n")),
                ("script.msl", System.Text.Encoding.UTF8.GetBytes("<?xml version='1.0'?><image><read filename='/etc/passwd'/><write filename='/tmp/leak.png'/></image>")),
                ("header-only.png", png.Take(33).ToArray()),
                ("garbage-after-signature.jpg", new byte[] { 0xFF, 0xD8, 0xFF }.Concat(Enumerable.Repeat((byte)0x41, 4096)).ToArray()),
            };
        }

        /// <summary>Unusual but valid files that must convert.</summary>
        public static IReadOnlyList<(string Name, byte[] Bytes)> Accepted()
        {
            return new List<(string, byte[])>
            {
                ("png-named.jpg", Encode(MagickFormat.Png)),
                ("cmyk.jpg", Make(i => i.ColorSpace = ColorSpace.CMYK, MagickFormat.Jpeg)),
                ("deep.png", Make(i => i.Depth = 16, MagickFormat.Png48)),
                ("gray.png", Make(i => i.ColorType = ColorType.Grayscale, MagickFormat.Png)),
                ("palette.png", Make(i => i.ColorType = ColorType.Palette, MagickFormat.Png8)),
                ("alpha.png", Make(i => i.Alpha(AlphaAction.Set), MagickFormat.Png32)),
                ("animated.gif", AnimatedGif()),
                ("one-pixel.png", Sized(1, 1)),
                ("seven-by-three.png", Sized(7, 3)),
                ("extreme-aspect.png", Sized(10000, 40)),
                ("name with spaces.jpg", Encode(MagickFormat.Jpeg)),
                ("ünïcödé 写真.jpg", Encode(MagickFormat.Jpeg)),
                ("-leading-dash.jpg", Encode(MagickFormat.Jpeg)),
                ("msl:coder-prefix.jpg", Encode(MagickFormat.Jpeg)),
                ("text:coder-prefix.jpg", Encode(MagickFormat.Jpeg)),
                ("ephemeral:coder-prefix.png", Encode(MagickFormat.Png)),
                ("@list.jpg", Encode(MagickFormat.Jpeg)),
            };
        }

        public static byte[] Encode(MagickFormat format)
        {
            using var image = new MagickImage(TestFiles.Square);
            image.Resize(96, 96);
            return image.ToByteArray(format);
        }

        public static string WriteAll(TemporaryDirectory folder, IEnumerable<(string Name, byte[] Bytes)> files)
        {
            foreach (var (name, bytes) in files)
                File.WriteAllBytes(folder.File(name), bytes);
            return folder.Path;
        }

        public static Dictionary<string, string> Hashes(string folder)
            => Directory.GetFiles(folder).ToDictionary(f => f, TestImages.Sha256);

        private static byte[] Make(Action<MagickImage> change, MagickFormat format)
        {
            using var image = new MagickImage(TestFiles.Square);
            image.Resize(64, 64);
            change(image);
            return image.ToByteArray(format);
        }

        private static byte[] Sized(uint width, uint height)
        {
            using var image = new MagickImage(TestFiles.Square);
            image.Resize(new MagickGeometry(width, height) { IgnoreAspectRatio = true });
            return image.ToByteArray(MagickFormat.Png);
        }

        private static byte[] AnimatedGif()
        {
            using var frames = new MagickImageCollection();
            frames.Add(new MagickImage(MagickColors.Red, 32, 32));
            frames.Add(new MagickImage(MagickColors.Blue, 32, 32));
            return frames.ToByteArray(MagickFormat.Gif);
        }
    }
}
