using AnimeGan.Core;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.Options;
using PaintDotNet.Effects;
using PaintDotNet.Imaging;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;

namespace AnimeGan.PaintDotNet
{
    /// <summary>
    /// Effects > Artistic > Anime Style. All model work happens in <see cref="OnSetToken"/>, once per change
    /// of style, face settings, detail or selection, and is cached at full strength; <see cref="OnRender"/>
    /// only renders the kept result's pixels by Strength (keeping the source's colours when asked), so
    /// the Strength slider and the Colours check box preview instantly.
    /// </summary>
    internal sealed class AnimeGanEffect : PropertyBasedBitmapEffect
    {
        /// <summary>The Style choice shown when no model is installed; rendering then leaves the picture as it is.</summary>
        internal const string NoStyleInstalled = "none";

        /// <summary>The Face style choice meaning "the same as Style".</summary>
        internal const string SameAsStyle = "same";

        private readonly StyleCatalog _catalog;
        private CacheKey? _cacheKey;
        private KeptResult? _kept;
        private RectInt32 _styledBounds;
        private int _weight;
        private bool _keepColors;

        public AnimeGanEffect()
            : this(StyleCatalog.Default)
        {
        }

        internal AnimeGanEffect(StyleCatalog catalog)
            : base("Anime Style", LoadIcon(), SubmenuNames.Artistic, BitmapEffectOptions.Create() with { IsConfigurable = true })
            => _catalog = catalog;

        /// <summary>The effect's settings.</summary>
        internal enum PropertyNames
        {
            Style,
            Strength,
            FaceEnhancement,
            FaceStyle,
            Detail,
            KeepColors,
        }

        /// <summary>How finely the model works: the long side it runs at.</summary>
        internal enum DetailLevel
        {
            Fast,
            Balanced,
            Fine,
        }


        /// <summary>Gets the last failure, shown instead of a crash; the picture is then left unchanged.</summary>
        internal string? LastError { get; private set; }

        internal static int MaxSizeFor(DetailLevel level) => Preset(level).WorkingSize;

        private static DetailPreset Preset(DetailLevel level) => level switch
        {
            DetailLevel.Fast => DetailPreset.Fast,
            DetailLevel.Fine => DetailPreset.Fine,
            _ => DetailPreset.Balanced,
        };

        /// <inheritdoc />
        protected override PropertyCollection OnCreatePropertyCollection()
        {
            var styles = _catalog.InstalledStyles.Select(s => (object)s.Id).ToArray();
            var defaultStyle = _catalog.DefaultStyle;
            var styleChoices = styles.Length > 0 ? styles : new object[] { NoStyleInstalled };
            var faceChoices = new object[] { SameAsStyle }.Concat(styles).ToArray();
            return new PropertyCollection(new Property[]
            {
                new StaticListChoiceProperty(PropertyNames.Style, styleChoices, defaultStyle == null ? 0 : Array.IndexOf(styles, defaultStyle.Id)),
                new Int32Property(PropertyNames.Strength, 100, 0, 100),
                new BooleanProperty(PropertyNames.FaceEnhancement, true),
                new StaticListChoiceProperty(PropertyNames.FaceStyle, faceChoices, 0),
                StaticListChoiceProperty.CreateForEnum(PropertyNames.Detail, DetailLevel.Balanced, false),
                new BooleanProperty(PropertyNames.KeepColors, false),
            });
        }

        /// <inheritdoc />
        protected override ControlInfo OnCreateConfigUI(PropertyCollection props)
        {
            var ui = CreateDefaultConfigUI(props);
            ui.SetPropertyControlValue(PropertyNames.Style, ControlInfoPropertyNames.DisplayName, "Style");
            ui.SetPropertyControlValue(PropertyNames.Strength, ControlInfoPropertyNames.DisplayName, "Strength (%)");
            ui.SetPropertyControlValue(PropertyNames.FaceEnhancement, ControlInfoPropertyNames.DisplayName, "Faces");
            ui.SetPropertyControlValue(PropertyNames.FaceEnhancement, ControlInfoPropertyNames.Description, "Enhance faces (each at its own scale, skin smoothed)");
            ui.SetPropertyControlValue(PropertyNames.FaceStyle, ControlInfoPropertyNames.DisplayName, "Face style");
            ui.SetPropertyControlValue(PropertyNames.Detail, ControlInfoPropertyNames.DisplayName, "Detail");
            ui.SetPropertyControlValue(PropertyNames.KeepColors, ControlInfoPropertyNames.DisplayName, "Colours");
            ui.SetPropertyControlValue(PropertyNames.KeepColors, ControlInfoPropertyNames.Description, "Keep the original colours (take only the style's light and lines)");

            var style = ui.FindControlForPropertyName(PropertyNames.Style)!;
            var faceStyle = ui.FindControlForPropertyName(PropertyNames.FaceStyle)!;
            style.SetValueDisplayName(NoStyleInstalled, "No style installed: run 'animegan models install --all', or copy model files into the plugin's models folder");
            faceStyle.SetValueDisplayName(SameAsStyle, "Same as Style");
            foreach (var entry in _catalog.InstalledStyles)
            {
                style.SetValueDisplayName(entry.Id, entry.Title);
                faceStyle.SetValueDisplayName(entry.Id, entry.DisplayName);
            }

            var detail = ui.FindControlForPropertyName(PropertyNames.Detail)!;
            foreach (var level in new[] { DetailLevel.Fast, DetailLevel.Balanced, DetailLevel.Fine })
                detail.SetValueDisplayName(level, Preset(level).Label);
            return ui;
        }

        /// <inheritdoc />
        protected override void OnInitializeRenderInfo(IBitmapEffectRenderInfo renderInfo)
            => renderInfo.Schedule = BitmapEffectRenderingSchedule.SquareTiles;

        /// <inheritdoc />
        protected override void OnSetToken(PropertyBasedEffectConfigToken? newToken)
        {
            if (newToken == null)
                return;
            var style = (string)newToken.GetProperty<StaticListChoiceProperty>(PropertyNames.Style)!.Value;
            var strength = newToken.GetProperty<Int32Property>(PropertyNames.Strength)!.Value / 100.0;
            var faces = newToken.GetProperty<BooleanProperty>(PropertyNames.FaceEnhancement)!.Value;
            var faceStyle = (string)newToken.GetProperty<StaticListChoiceProperty>(PropertyNames.FaceStyle)!.Value;
            var detail = (DetailLevel)newToken.GetProperty<StaticListChoiceProperty>(PropertyNames.Detail)!.Value;
            _weight = ResultBlend.Weight(strength);
            _keepColors = newToken.GetProperty<BooleanProperty>(PropertyNames.KeepColors)!.Value;

            var bounds = Environment.Selection.RenderBounds;
            var key = new CacheKey(style, faces, faceStyle, detail, bounds);
            if (key == _cacheKey)
                return;

            _cacheKey = null;
            _kept = null;
            LastError = null;
            if (style == NoStyleInstalled)
                return;

            try
            {
                var source = ReadSource(bounds);
                var options = new StylizeOptions
                {
                    Style = style,
                    Strength = 1,
                    MaxSize = MaxSizeFor(detail),
                    Faces = faces ? (bool?)null : false,
                    FaceStyle = faceStyle == SameAsStyle ? null : faceStyle,
                };
                _kept = _catalog.EngineFor(style).Stylize(source, options, CancellationToken).Kept;
                _styledBounds = bounds;
                _cacheKey = key;
            }
            catch (OperationCanceledException)
            {
                _kept = null;
            }
            catch (AnimeGanException ex)
            {
                LastError = ex.Message;
                _kept = null;
            }
        }

        /// <inheritdoc />
        protected override unsafe void OnRender(IBitmapEffectOutput output)
        {
            var bounds = output.Bounds;
            using var destinationLock = output.LockBgra32();
            using var sourceLock = Environment.GetSourceBitmapBgra32().Lock(bounds);
            var destination = destinationLock.AsRegionPtr();
            var source = sourceLock.AsRegionPtr();
            var kept = _kept;
            var weight = _weight;
            var keepColors = _keepColors;
            for (var y = 0; y < bounds.Height; y++)
            {
                if (IsCancelRequested)
                    return;
                var imageY = bounds.Y + y;
                for (var x = 0; x < bounds.Width; x++)
                {
                    var pixel = source[x, y];
                    var imageX = bounds.X + x;
                    if (kept != null && _styledBounds.Contains(imageX, imageY))
                    {
                        var (r, g, b) = kept.Pixel(imageX - _styledBounds.X, imageY - _styledBounds.Y, weight, keepColors);
                        pixel = new ColorBgra32(b, g, r, pixel.A);
                    }

                    destination[x, y] = pixel;
                }
            }
        }

        private unsafe PixelImage ReadSource(RectInt32 bounds)
        {
            using var sourceLock = Environment.GetSourceBitmapBgra32().Lock(bounds);
            var region = sourceLock.AsRegionPtr();
            var rgb = new byte[bounds.Width * bounds.Height * 3];
            var alpha = new byte[bounds.Width * bounds.Height];
            for (var y = 0; y < bounds.Height; y++)
            {
                CancellationToken.ThrowIfCancellationRequested();
                for (var x = 0; x < bounds.Width; x++)
                {
                    var pixel = region[x, y];
                    var p = (y * bounds.Width) + x;
                    rgb[p * 3] = pixel.R;
                    rgb[(p * 3) + 1] = pixel.G;
                    rgb[(p * 3) + 2] = pixel.B;
                    alpha[p] = pixel.A;
                }
            }

            return new PixelImage(bounds.Width, bounds.Height, rgb, alpha);
        }

        /// <summary>
        /// Frees the cached full-size result when Paint.NET closes the effect: for a 24-megapixel picture it
        /// is 72 MB that would otherwise live until the collector finds the effect.
        /// </summary>
        protected override void OnDispose(bool disposing)
        {
            if (disposing)
            {
                _kept = null;
                _cacheKey = null;
            }

            base.OnDispose(disposing);
        }

        private static System.Drawing.Image? LoadIcon()
        {
            if (!OperatingSystem.IsWindowsVersionAtLeast(6, 1))
                return null;
            using var stream = typeof(AnimeGanEffect).Assembly.GetManifestResourceStream("AnimeGan.PaintDotNet.AnimeGanIcon.png");
            return stream == null ? null : System.Drawing.Image.FromStream(stream);
        }

        private sealed record CacheKey(string Style, bool Faces, string FaceStyle, DetailLevel Detail, RectInt32 Bounds);
    }
}
