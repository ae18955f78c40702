using PaintDotNet.PropertySystem;

namespace AnimeGan.PaintDotNet.Tests
{
    /// <summary>Pictures in Paint.NET's BGRA layout and effects wired to the test models.</summary>
    internal static class EffectFixture
    {
        public static AnimeGanEffect CreateEffect() => new AnimeGanEffect(new StyleCatalog(TestModels.Folder));

        public static AnimeGanEffect CreateEffectWithoutModels(string emptyFolder) => new AnimeGanEffect(new StyleCatalog(emptyFolder));

        /// <summary>A shared photo as BGRA with a varying alpha, so alpha handling is visible.</summary>
        public static (byte[] Bgra, PixelImage Picture) Photo(int longSide = 200)
        {
            var photo = TestImages.Photo(TestFiles.Rickshaw, longSide);
            var count = photo.Width * photo.Height;
            var alpha = new byte[count];
            var bgra = new byte[count * 4];
            for (var i = 0; i < count; i++)
            {
                alpha[i] = (byte)(255 - (i % 97));
                bgra[i * 4] = photo.Rgb[(i * 3) + 2];
                bgra[(i * 4) + 1] = photo.Rgb[(i * 3) + 1];
                bgra[(i * 4) + 2] = photo.Rgb[i * 3];
                bgra[(i * 4) + 3] = alpha[i];
            }

            return (bgra, new PixelImage(photo.Width, photo.Height, photo.Rgb, alpha));
        }

        public static PropertyCollection Settings(AnimeGanEffect effect, int strength = 100, bool faces = false, AnimeGanEffect.DetailLevel detail = AnimeGanEffect.DetailLevel.Fast, string? style = null, bool keepColors = false)
        {
            var properties = effect.CreatePropertyCollection();
            if (style != null)
                properties[AnimeGanEffect.PropertyNames.Style].Value = style;
            properties[AnimeGanEffect.PropertyNames.Strength].Value = strength;
            properties[AnimeGanEffect.PropertyNames.FaceEnhancement].Value = faces;
            properties[AnimeGanEffect.PropertyNames.Detail].Value = detail;
            properties[AnimeGanEffect.PropertyNames.KeepColors].Value = keepColors;
            return properties;
        }
    }
}
