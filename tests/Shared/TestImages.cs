namespace AnimeGan.Tests
{
    /// <summary>Pictures the tests make themselves: edge cases are generated, never downloaded.</summary>
    internal static class TestImages
    {
        /// <summary>Reads a shared photo scaled so its long side is <paramref name="longSide"/>, to keep model runs short.</summary>
        public static PixelImage Photo(string path, int longSide = 320)
        {
            using var image = new MagickImage(path);
            image.Resize(new MagickGeometry((uint)longSide, (uint)longSide));
            return FromMagick(image);
        }

        /// <summary>Writes a shared photo, scaled, to a file of the given format.</summary>
        public static string WritePhoto(string source, string target, int longSide = 320, MagickFormat? format = null)
        {
            using var image = new MagickImage(source);
            image.Resize(new MagickGeometry((uint)longSide, (uint)longSide));
            image.Write(target, format ?? MagickFormat.Jpeg);
            return target;
        }

        public static PixelImage FromMagick(MagickImage image)
        {
            using var pixels = image.GetPixelsUnsafe();
            var rgb = pixels.ToByteArray(PixelMapping.RGB)!;
            return new PixelImage((int)image.Width, (int)image.Height, rgb);
        }

        public static MagickImage ToMagick(PixelImage picture)
        {
            var image = new MagickImage();
            image.ReadPixels(picture.Rgb, new PixelReadSettings((uint)picture.Width, (uint)picture.Height, StorageType.Char, PixelMapping.RGB));
            return image;
        }

        /// <summary>Reads any file the tests wrote back into pixels (with Magick's own reader, not the engine's).</summary>
        public static MagickImage Load(string path) => new MagickImage(path);

        /// <summary>Reads encoded bytes the tests got back (a preview, a download) with Magick's own reader.</summary>
        public static MagickImage Load(Stream encoded) => new MagickImage(encoded);

        /// <summary>Copies bytes to a file and returns its path.</summary>
        public static string WriteBytes(string path, byte[] bytes)
        {
            File.WriteAllBytes(path, bytes);
            return path;
        }

        public static string Sha256(string path)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            using var stream = File.OpenRead(path);
            return Convert.ToHexString(sha.ComputeHash(stream));
        }

        /// <summary>A 1x1 PNG whose IHDR is rewritten to claim another size (CRC fixed up).</summary>
        public static byte[] PngWithHeaderSize(int width, int height)
        {
            byte[] bytes;
            using (var image = new MagickImage(MagickColors.White, 1, 1))
                bytes = image.ToByteArray(MagickFormat.Png);
            void Put(int offset, int value)
            {
                bytes[offset] = (byte)(value >> 24);
                bytes[offset + 1] = (byte)(value >> 16);
                bytes[offset + 2] = (byte)(value >> 8);
                bytes[offset + 3] = (byte)value;
            }

            // Signature (8) + length (4) + "IHDR" (4): width at 16, height at 20; CRC over type+data at 29.
            Put(16, width);
            Put(20, height);
            Put(29, (int)Crc32(bytes.AsSpan(12, 17)));
            return bytes;
        }

        private static uint Crc32(ReadOnlySpan<byte> data)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                    crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }

            return ~crc;
        }
    }
}
