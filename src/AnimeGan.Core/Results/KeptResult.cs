using System.Buffers.Binary;
using ImageMagick;

namespace AnimeGan.Core
{
    /// <summary>
    /// A photo and its full-strength stylized version, held once, so strength and colours can change after the
    /// model has run: the Paint.NET effect renders its tiles from it, the web page makes its previews and every
    /// download from it, and the engine's own results at any strength are rendered by it. Nothing is decoded
    /// again: previews shrink the pixels already here, and a download only blends and encodes.
    /// </summary>
    public sealed class KeptResult
    {
        private const uint FileMagic = 0x314B4741; // "AGK1"

        internal KeptResult(PixelImage source, byte[] styled, ImageMetadata metadata)
        {
            if (styled.Length != source.Rgb.Length)
                throw new ArgumentException($"The stylized picture has {styled.Length} bytes; the photo's RGB has {source.Rgb.Length}.", nameof(styled));
            Source = source;
            Styled = styled;
            Metadata = metadata;
        }

        /// <summary>Gets the photo as it was stylized (upright, sRGB, with its alpha).</summary>
        public PixelImage Source { get; }

        /// <summary>Gets the full-strength stylized RGB, without kept colours, the size of <see cref="Source"/>.</summary>
        public byte[] Styled { get; }

        /// <summary>Gets what the photo's file carried (format, EXIF, colour profile), written back with every result.</summary>
        public ImageMetadata Metadata { get; }

        /// <summary>Gets the width in pixels.</summary>
        public int Width => Source.Width;

        /// <summary>Gets the height in pixels.</summary>
        public int Height => Source.Height;

        /// <summary>
        /// Gets the format a result is written in unless another is asked: the photo's own, or JPEG for HEIC
        /// and AVIF, whose encoders are not on every machine that opens the file.
        /// </summary>
        public RasterFormat DefaultFormat => Metadata.SourceFormat == RasterFormat.Heic || Metadata.SourceFormat == RasterFormat.Avif
            ? RasterFormat.Jpeg
            : Metadata.SourceFormat;

        /// <summary>Gets the bytes this result holds in memory, for caches that budget by size.</summary>
        public long Bytes => Source.Rgb.LongLength + Styled.LongLength + (Source.Alpha?.LongLength ?? 0);

        /// <summary>The result at a strength and colour choice, with the photo's alpha.</summary>
        /// <param name="strength">0 (the photo) to 1 (the style).</param>
        /// <param name="keepColors">Whether the result takes the photo's own chroma.</param>
        public PixelImage Render(double strength, bool keepColors)
            => Source.WithRgb(ResultBlend.Apply(Source.Rgb, Styled, strength, keepColors));

        /// <summary>
        /// One pixel of <see cref="Render"/>, for a host that fills its own tiles (Paint.NET) without a
        /// full-size copy. <paramref name="weight"/> comes from <see cref="ResultBlend.Weight"/>.
        /// </summary>
        /// <param name="x">Column, 0 at the left.</param>
        /// <param name="y">Row, 0 at the top.</param>
        /// <param name="weight">The strength as <see cref="ResultBlend.Weight"/> gives it.</param>
        /// <param name="keepColors">Whether the result takes the photo's own chroma.</param>
        public (byte R, byte G, byte B) Pixel(int x, int y, int weight, bool keepColors)
        {
            var i = ((y * Width) + x) * 3;
            var rgb = Source.Rgb;
            return ResultBlend.Pixel(rgb[i], rgb[i + 1], rgb[i + 2], Styled[i], Styled[i + 1], Styled[i + 2], weight, keepColors);
        }

        /// <summary>A small JPEG of the photo (<paramref name="styled"/> false) or of the full-strength result, for screens.</summary>
        /// <param name="styled">The stylized version rather than the photo.</param>
        /// <param name="longSide">The long side at most, in pixels.</param>
        /// <param name="quality">JPEG quality, 1..100.</param>
        public byte[] Preview(bool styled, int longSide, int quality)
            => PreviewImages.Jpeg(styled ? Source.WithRgb(Styled) : Source, longSide, quality);

        /// <summary>Encodes the result at a strength and colour choice, with the photo's metadata and alpha.</summary>
        /// <param name="destination">Where the encoded bytes go.</param>
        /// <param name="strength">0 (the photo) to 1 (the style).</param>
        /// <param name="keepColors">Whether the result takes the photo's own chroma.</param>
        /// <param name="format">The format; null for <see cref="DefaultFormat"/>.</param>
        /// <param name="quality">Quality for lossy formats; null for the default.</param>
        /// <returns>The format written.</returns>
        /// <exception cref="AnimeGanException">Strength out of range, or the encoder failed.</exception>
        public RasterFormat Write(Stream destination, double strength, bool keepColors, RasterFormat? format = null, int? quality = null)
        {
            Throw.IfNull(destination);
            Options.OptionLimits.Check(strength, Options.OptionLimits.MinStrength, Options.OptionLimits.MaxStrength, "Strength");
            var written = format ?? DefaultFormat;
            ImageEncoder.Encode(Render(strength, keepColors), Metadata, destination, written, quality);
            return written;
        }

        /// <summary>
        /// Writes the pixels and metadata as they are in memory (no compression), so a server can keep many
        /// results on disk and bring one back in a fraction of a decode's time.
        /// </summary>
        public void Save(Stream destination)
        {
            Throw.IfNull(destination);
            var exif = Metadata.Exif?.ToByteArray() ?? Array.Empty<byte>();
            var header = new byte[24];
            BinaryPrimitives.WriteUInt32LittleEndian(header, FileMagic);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), Width);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), Height);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), (int)Metadata.SourceFormat);
            header[16] = (byte)((Source.Alpha != null ? 1 : 0) | (Metadata.HadColorProfile ? 2 : 0));
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), exif.Length);
            foreach (var part in new[] { header, exif, Source.Rgb, Styled, Source.Alpha ?? Array.Empty<byte>() })
                destination.Write(part, 0, part.Length);
        }

        /// <summary>Reads what <see cref="Save"/> wrote.</summary>
        /// <param name="source">The saved bytes.</param>
        /// <param name="name">The file, for messages.</param>
        /// <exception cref="AnimeGanException">The bytes are not a whole saved result.</exception>
        public static KeptResult Load(Stream source, string name)
        {
            Throw.IfNull(source);
            try
            {
                var header = ReadBytes(source, 24);
                if (BinaryPrimitives.ReadUInt32LittleEndian(header) != FileMagic)
                    throw new InvalidDataException("not a kept result");
                var width = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
                var height = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
                var format = (RasterFormat)BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
                var flags = header[16];
                var exif = ReadBytes(source, BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20)));
                var pixels = checked(width * height);
                var rgb = ReadBytes(source, pixels * 3);
                var styled = ReadBytes(source, pixels * 3);
                var alpha = (flags & 1) != 0 ? ReadBytes(source, pixels) : null;
                var metadata = new ImageMetadata(format, exif.Length > 0 ? new ExifProfile(exif) : null, (flags & 2) != 0);
                return new KeptResult(new PixelImage(width, height, rgb, alpha), styled, metadata);
            }
            catch (Exception ex) when (ex is EndOfStreamException || ex is InvalidDataException || ex is OverflowException || ex is ArgumentException)
            {
                throw new AnimeGanException(AnimeGanErrorCode.CorruptImage, $"{name}: not a whole kept result ({ex.Message}).", name, ex);
            }
        }

        private static byte[] ReadBytes(Stream source, int count)
        {
            var bytes = new byte[count];
            for (var read = 0; read < count;)
            {
                var n = source.Read(bytes, read, count - read);
                if (n == 0)
                    throw new EndOfStreamException($"{count - read} bytes missing");
                read += n;
            }

            return bytes;
        }
    }
}
