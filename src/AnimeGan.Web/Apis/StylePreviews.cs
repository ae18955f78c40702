using System;
using System.Collections.Concurrent;
using System.Linq;
using AnimeGan.Core;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.Models;
using AnimeGan.Core.Options;

namespace AnimeGan.Web.Apis
{
    /// <summary>
    /// A small sample picture stylized once per installed style, for the page's style picker. The sample is
    /// drawn here (sky, sun, hills, a house and water), so the server ships no photo and fetches none.
    /// </summary>
    internal sealed class StylePreviews
    {
        private const int Width = 192;
        private const int Height = 128;

        private readonly AnimeGanEngine _engine;
        private readonly Lazy<PixelImage> _sample = new Lazy<PixelImage>(DrawSample);
        private readonly ConcurrentDictionary<string, Lazy<byte[]>> _previews = new ConcurrentDictionary<string, Lazy<byte[]>>(StringComparer.OrdinalIgnoreCase);

        public StylePreviews(AnimeGanEngine engine) => _engine = engine;

        /// <summary>The style's preview as JPEG bytes, or null when no such style is installed.</summary>
        public byte[]? For(string styleId)
        {
            var entry = _engine.Store.Installed(ModelKind.Style).FirstOrDefault(m => string.Equals(m.Id, styleId, StringComparison.OrdinalIgnoreCase));
            if (entry == null)
                return null;
            return _previews.GetOrAdd(entry.Id, id => new Lazy<byte[]>(() => Render(id))).Value;
        }

        private byte[] Render(string styleId)
        {
            var styled = _engine.Stylize(_sample.Value, new StylizeOptions { Style = styleId, Faces = false }).Image;
            return PreviewImages.Jpeg(styled, Math.Max(Width, Height), 88);
        }

        private static PixelImage DrawSample()
        {
            var rgb = new byte[Width * Height * 3];
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    var (r, g, b) = Sky(y);
                    var hill = 78 + (int)(10 * Math.Sin(x / 23.0)) + (int)(6 * Math.Sin((x + 40) / 9.0));
                    if (Math.Pow(x - 150, 2) + Math.Pow(y - 30, 2) < 196)
                        (r, g, b) = (255, 226, 140);
                    if (y > hill)
                        (r, g, b) = ((byte)(70 + (y - hill)), (byte)(140 - (y - hill)), (byte)60);
                    if (x >= 40 && x < 76 && y >= 70 && y < 96)
                        (r, g, b) = x >= 54 && x < 62 && y >= 82 ? ((byte)110, (byte)70, (byte)50) : ((byte)236, (byte)228, (byte)210);
                    if (y >= 52 && y < 70 && Math.Abs(x - 58) < (y - 50) * 1.1)
                        (r, g, b) = (196, 70, 62);
                    if (y >= 104)
                        (r, g, b) = ((byte)(60 + (x % 16)), (byte)(120 + (y % 7)), (byte)190);
                    var i = ((y * Width) + x) * 3;
                    rgb[i] = r;
                    rgb[i + 1] = g;
                    rgb[i + 2] = b;
                }
            }

            return new PixelImage(Width, Height, rgb);
        }

        private static (byte R, byte G, byte B) Sky(int y)
            => ((byte)(120 + y), (byte)(170 + (y / 2)), (byte)235);
    }
}
