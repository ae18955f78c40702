using System.Runtime.InteropServices;
using PaintDotNet.Effects;
using PaintDotNet.Imaging;
using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;

namespace AnimeGan.PaintDotNet.TestHost
{
    /// <summary>
    /// Runs an effect the way Paint.NET does: render info, token, then OnRender over square tiles of the
    /// selection's bounds into a destination surface, finally clipped to the selection.
    /// </summary>
    public sealed class EffectHost : IDisposable
    {
        private readonly Surface _source;
        private readonly Surface _destination;

        /// <summary>Creates a host over a BGRA picture (4 bytes per pixel, rows top to bottom).</summary>
        public EffectHost(byte[] bgra, int width, int height, RectInt32? selection = null)
        {
            _source = new Surface(bgra, width, height);
            _destination = new Surface((byte[])bgra.Clone(), width, height);
            Selection = selection ?? new RectInt32(0, 0, width, height);
        }

        public RectInt32 Selection { get; }

        public BitmapEffectRenderingSchedule Schedule { get; private set; }

        /// <summary>Gets the tiles rendered by the last <see cref="Render"/>.</summary>
        public int TilesRendered { get; private set; }

        /// <summary>Applies the settings (OnSetToken) and renders every tile (OnRender); returns the clipped BGRA result.</summary>
        public byte[] Render(PropertyBasedBitmapEffect effect, PropertyCollection properties, int tileSize = 64, CancellationToken cancellationToken = default)
        {
            SetToken(effect, properties, cancellationToken);
            return RenderTiles(effect, tileSize, cancellationToken);
        }

        /// <summary>Applies settings only, as Paint.NET does when a control changes.</summary>
        public void SetToken(PropertyBasedBitmapEffect effect, PropertyCollection properties, CancellationToken cancellationToken = default)
        {
            effect.HostEnvironment = new Environment(_source, Selection);
            effect.HostCancellation = cancellationToken;
            var info = new RenderInfo();
            effect.HostInitializeRenderInfo(info);
            Schedule = info.Schedule;
            effect.HostSetToken(new PropertyBasedEffectConfigToken(properties));
        }

        /// <summary>Renders every tile of the selection's bounds with the current token; returns the clipped BGRA result.</summary>
        public byte[] RenderTiles(PropertyBasedBitmapEffect effect, int tileSize = 64, CancellationToken cancellationToken = default)
        {
            effect.HostCancellation = cancellationToken;
            TilesRendered = 0;
            for (var y = Selection.Y; y < Selection.Bottom; y += tileSize)
            {
                for (var x = Selection.X; x < Selection.Right; x += tileSize)
                {
                    if (cancellationToken.IsCancellationRequested)
                        break;
                    var tile = RectInt32.Intersect(new RectInt32(x, y, tileSize, tileSize), Selection);
                    effect.HostRender(new Output(_destination, tile));
                    TilesRendered++;
                }
            }

            // Selection clipping: outside the selection the source stays.
            var result = (byte[])_destination.Pixels.Clone();
            for (var y = 0; y < _source.Height; y++)
            {
                for (var x = 0; x < _source.Width; x++)
                {
                    if (!Selection.Contains(x, y))
                        Buffer.BlockCopy(_source.Pixels, ((y * _source.Width) + x) * 4, result, ((y * _source.Width) + x) * 4, 4);
                }
            }

            return result;
        }

        public void Dispose()
        {
            _source.Dispose();
            _destination.Dispose();
        }

        private sealed class Surface : IDisposable
        {
            private GCHandle _handle;

            public Surface(byte[] pixels, int width, int height)
            {
                Pixels = pixels;
                Width = width;
                Height = height;
                _handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
            }

            public byte[] Pixels { get; }

            public int Width { get; }

            public int Height { get; }

            public unsafe ColorBgra32* Pointer(int x, int y) => (ColorBgra32*)_handle.AddrOfPinnedObject() + (y * Width) + x;

            public void Dispose()
            {
                if (_handle.IsAllocated)
                    _handle.Free();
            }
        }

        private sealed unsafe class Lock : IBitmapLock<ColorBgra32>
        {
            private readonly Surface _surface;
            private readonly RectInt32 _bounds;

            public Lock(Surface surface, RectInt32 bounds)
            {
                if (bounds.X < 0 || bounds.Y < 0 || bounds.Right > surface.Width || bounds.Bottom > surface.Height)
                    throw new ArgumentOutOfRangeException(nameof(bounds), $"{bounds} is outside the {surface.Width}x{surface.Height} surface.");
                _surface = surface;
                _bounds = bounds;
            }

            public ColorBgra32* Buffer => _surface.Pointer(_bounds.X, _bounds.Y);

            void* IBitmapLock.Buffer => Buffer;

            public int BufferStride => _surface.Width * 4;

            public SizeInt32 Size => _bounds.Size;

            public void Dispose()
            {
            }
        }

        private sealed class Input : IEffectInputBitmap<ColorBgra32>
        {
            private readonly Surface _surface;

            public Input(Surface surface) => _surface = surface;

            public SizeInt32 Size => new SizeInt32(_surface.Width, _surface.Height);

            public IBitmapLock<ColorBgra32> Lock(RectInt32 bounds) => new Lock(_surface, bounds);
        }

        private sealed class Output : IBitmapEffectOutput, IHostOutput
        {
            private readonly Surface _surface;

            public Output(Surface surface, RectInt32 bounds)
            {
                _surface = surface;
                Bounds = bounds;
            }

            public RectInt32 Bounds { get; }

            public IBitmapLock<ColorBgra32> LockBgra32() => new Lock(_surface, Bounds);
        }

        private sealed class Environment : IBitmapEffectEnvironment, IHostEnvironment, IEffectSelectionInfo, IEffectDocumentInfo
        {
            public Environment(Surface source, RectInt32 selection)
            {
                Source = new Input(source);
                RenderBounds = selection;
                Size = new SizeInt32(source.Width, source.Height);
            }

            public IEffectInputBitmap<ColorBgra32> Source { get; }

            public RectInt32 RenderBounds { get; }

            public SizeInt32 Size { get; }

            public IEffectDocumentInfo Document => this;

            public IEffectSelectionInfo Selection => this;
        }

        private sealed class RenderInfo : IBitmapEffectRenderInfo
        {
            public BitmapEffectRenderingFlags Flags { get; set; }

            public BitmapEffectRenderingSchedule Schedule { get; set; }
        }
    }
}
