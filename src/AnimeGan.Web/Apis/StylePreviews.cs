using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace AnimeGan.Web.Apis
{
    /// <summary>
    /// A small sample picture stylized once per installed style, for the page's style picker: a face beside a
    /// still life (StyleSample.jpg, cut from the public-domain and CC0 photos in docs/photos), so a card shows how
    /// the style treats a person and a thing, at default settings, face enhancement included. They are made in
    /// the background as the server starts (and the models loaded for them stay ready for conversions), and never
    /// wait for a conversion slot: the page's picker shows them while the server is busy.
    /// </summary>
    internal sealed class StylePreviews : BackgroundService
    {
        /// <summary>The sample's longer side: twice the card's width on the page, for sharp cards on dense screens.</summary>
        private const int LongSide = 384;

        private readonly AnimeGanEngine _engine;
        private readonly Lazy<PixelImage> _sample = new Lazy<PixelImage>(ReadSample);
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

        /// <summary>Makes every installed style's preview, one after another, until the server stops.</summary>
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(
            () =>
            {
                foreach (var style in _engine.Store.Installed(ModelKind.Style))
                {
                    if (stoppingToken.IsCancellationRequested)
                        return;
                    try
                    {
                        For(style.Id);
                    }
#pragma warning disable CA1031 // a preview made ahead of time must never stop the server; the request for it reports the error
                    catch (Exception)
#pragma warning restore CA1031
                    {
                        // A style that cannot run says so when it is asked for, as every conversion with it does.
                        _previews.TryRemove(style.Id, out _);
                    }
                }
            },
            stoppingToken);

        private byte[] Render(string styleId)
        {
            var styled = _engine.Stylize(_sample.Value, new StylizeOptions { Style = styleId }).Image;
            return PreviewImages.Jpeg(styled, LongSide, 85);
        }

        private static PixelImage ReadSample()
        {
            using var stream = typeof(StylePreviews).Assembly.GetManifestResourceStream("AnimeGan.Web.StyleSample.jpg")
                ?? throw new InvalidOperationException("The server was built without its style sample (StyleSample.jpg).");
            return ImageDecoder.Read(stream, "StyleSample.jpg").Pixels;
        }
    }
}
