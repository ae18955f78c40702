using System.IO;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Options;

namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// The last step of every stylization, kept apart so a front end that holds a full-strength result (the
    /// web page, the Paint.NET effect) can change strength and colours later without running the model
    /// again and get exactly what a conversion with those settings would have written.
    /// </summary>
    public static class ResultBlend
    {
        /// <summary>Keeps the photo's colours when asked, then mixes with the photo by strength.</summary>
        /// <param name="source">The photo's RGB.</param>
        /// <param name="styled">The full-strength stylized RGB of the same size.</param>
        /// <param name="strength">0 (the photo) to 1 (the style).</param>
        /// <param name="keepColors">Whether the result takes the photo's own chroma (<see cref="ColorKeeping"/>).</param>
        /// <returns>The blended RGB: <paramref name="styled"/> itself at full strength without kept colours, else a new buffer. Neither input is changed.</returns>
        public static byte[] Apply(byte[] source, byte[] styled, double strength, bool keepColors)
        {
            Throw.IfNull(source);
            Throw.IfNull(styled);
            var result = keepColors ? ColorKeeping.Apply(source, styled) : styled;
            if (strength < 1)
                result = StrengthBlend.Mix(source, result, strength);
            return result;
        }

        /// <summary>
        /// Writes a photo's result at another strength or colour choice from its full-strength stylized
        /// version, in the photo's own format (JPEG for HEIC and AVIF, which are not written everywhere) with
        /// its metadata and alpha, without running the model again.
        /// </summary>
        /// <param name="sourcePath">The original photo.</param>
        /// <param name="styledPath">Its full-strength result without kept colours, written losslessly (PNG).</param>
        /// <param name="destination">Where the encoded result goes.</param>
        /// <param name="strength">0 (the photo) to 1 (the style).</param>
        /// <param name="keepColors">Whether the result takes the photo's own chroma.</param>
        /// <param name="quality">Quality for lossy formats; null for the default.</param>
        /// <returns>The format written.</returns>
        /// <exception cref="AnimeGanException">Either file cannot be read, or they differ in size.</exception>
        public static RasterFormat Write(string sourcePath, string styledPath, Stream destination, double strength, bool keepColors, int? quality = null)
        {
            OptionLimits.Check(strength, OptionLimits.MinStrength, OptionLimits.MaxStrength, "Strength");
            var source = ImageDecoder.Read(sourcePath);
            var styled = ImageDecoder.Read(styledPath).Pixels;
            if (styled.Width != source.Pixels.Width || styled.Height != source.Pixels.Height)
                throw new AnimeGanException(AnimeGanErrorCode.CorruptImage, $"{styledPath}: {styled.Width}x{styled.Height} is not the size of {sourcePath}.", styledPath);
            var format = WritableFormat(source.Metadata.SourceFormat);
            ImageEncoder.Encode(source.Pixels.WithRgb(Apply(source.Pixels.Rgb, styled.Rgb, strength, keepColors)), source.Metadata, destination, format, quality);
            return format;
        }

        /// <summary>The format a result of a photo in <paramref name="source"/> format is written in by default.</summary>
        public static RasterFormat WritableFormat(RasterFormat source)
            => source == RasterFormat.Heic || source == RasterFormat.Avif ? RasterFormat.Jpeg : source;
    }
}
