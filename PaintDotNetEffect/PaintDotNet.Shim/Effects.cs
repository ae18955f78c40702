using PaintDotNet.Imaging;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;

namespace PaintDotNet.Effects
{
    public static class SubmenuNames
    {
        public static string Artistic => "Artistic";

        public static string Photo => "Photo";

        public static string Stylize => "Stylize";
    }

    public abstract record EffectOptionsBase
    {
        private protected EffectOptionsBase()
        {
        }

        public bool IsConfigurable { get; init; }
    }

    public abstract record BitmapEffectOptionsFactory : EffectOptionsBase
    {
        private protected BitmapEffectOptionsFactory()
        {
        }

        public static BitmapEffectOptions Create() => new BitmapEffectOptions();
    }

    public sealed record BitmapEffectOptions : BitmapEffectOptionsFactory
    {
        internal BitmapEffectOptions()
        {
        }
    }

    [Flags]
    public enum BitmapEffectRenderingFlags : ulong
    {
        None = 0,
        SingleThreaded = 1,
        DisableSelectionClipping = 2,
        ForceAliasedSelectionQuality = 4,
        FirstTileIsRenderedWithBarrier = 8,
    }

    public enum BitmapEffectRenderingSchedule : long
    {
        None = 0,
        HorizontalStrips = 1,
        SquareTiles = 2,
    }

    public interface IBitmapEffectRenderInfo
    {
        BitmapEffectRenderingFlags Flags { get; set; }

        BitmapEffectRenderingSchedule Schedule { get; set; }
    }

    public interface IBitmapEffectOutput
    {
        RectInt32 Bounds { get; }
    }

    public static class BitmapEffectOutputExtensions
    {
        public static IBitmapLock<ColorBgra32> LockBgra32(this IBitmapEffectOutput output) => ((IShimOutput)output).LockBgra32();
    }

    /// <summary>What the test host implements behind <see cref="IBitmapEffectOutput"/>.</summary>
    internal interface IShimOutput
    {
        IBitmapLock<ColorBgra32> LockBgra32();
    }

    public interface IEffectInputBitmap<T> : IBitmapSource<T>
        where T : unmanaged
    {
        IBitmapLock<T> Lock(RectInt32 bounds);
    }

    public interface IEffectSelectionInfo
    {
        RectInt32 RenderBounds { get; }
    }

    public interface IEffectDocumentInfo
    {
        SizeInt32 Size { get; }
    }

    public interface IEffectEnvironment
    {
        IEffectDocumentInfo Document { get; }

        IEffectSelectionInfo Selection { get; }
    }

    public interface IBitmapEffectEnvironment : IEffectEnvironment
    {
        new IEffectDocumentInfo Document { get; }

        new IEffectSelectionInfo Selection { get; }
    }

    public static class EffectEnvironmentExtensions
    {
        public static IEffectInputBitmap<ColorBgra32> GetSourceBitmapBgra32(this IEffectEnvironment environment) => ((IShimEnvironment)environment).Source;
    }

    /// <summary>What the test host implements behind <see cref="IEffectEnvironment"/>.</summary>
    internal interface IShimEnvironment
    {
        IEffectInputBitmap<ColorBgra32> Source { get; }
    }

    public class EffectConfigToken
    {
        public EffectConfigToken()
        {
        }

        protected EffectConfigToken(EffectConfigToken copyMe)
        {
        }

        public virtual object Clone() => new EffectConfigToken(this);
    }

    public sealed class PropertyBasedEffectConfigToken : EffectConfigToken
    {
        public PropertyBasedEffectConfigToken(PropertyCollection props) => Properties = props;

        public PropertyCollection Properties { get; }

        public T? GetProperty<T>(object name)
            where T : Property
            => Properties[name] as T;

        public override object Clone() => new PropertyBasedEffectConfigToken(Properties.Clone());
    }

    public abstract class EffectBase : IDisposable
    {
        private protected EffectBase()
        {
        }

        internal CancellationToken HostCancellation { get; set; }

        protected bool IsCancelRequested => HostCancellation.IsCancellationRequested;

        protected CancellationToken CancellationToken => HostCancellation;

        protected IServiceProvider? Services { get; }

        void IDisposable.Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing) => OnDispose(disposing);

        protected virtual void OnDispose(bool disposing)
        {
        }
    }

    public abstract class BitmapEffect : EffectBase
    {
        protected BitmapEffect(string name, IBitmapSource? image, string? submenuName, BitmapEffectOptions options)
        {
            Name = name;
            SubmenuName = submenuName;
            Options = options;
            HasImage = image != null;
        }

        protected BitmapEffect(string name, System.Drawing.Image? image, string? submenuName, BitmapEffectOptions options)
        {
            Name = name;
            SubmenuName = submenuName;
            Options = options;
            HasImage = image != null;
        }

        protected BitmapEffect(string name, string? submenuName, BitmapEffectOptions options)
        {
            Name = name;
            SubmenuName = submenuName;
            Options = options;
        }

        internal string Name { get; }

        internal string? SubmenuName { get; }

        internal BitmapEffectOptions Options { get; }

        internal bool HasImage { get; }

        internal IBitmapEffectEnvironment? HostEnvironment { get; set; }

        protected IBitmapEffectEnvironment Environment => HostEnvironment ?? throw new InvalidOperationException("No environment yet.");

        internal void HostInitializeRenderInfo(IBitmapEffectRenderInfo renderInfo) => OnInitializeRenderInfo(renderInfo);

        internal void HostSetToken(EffectConfigToken? token) => OnSetToken(token);

        internal void HostRender(IBitmapEffectOutput output) => OnRender(output);

        protected virtual void OnInitializeRenderInfo(IBitmapEffectRenderInfo renderInfo)
        {
        }

        protected abstract void OnRender(IBitmapEffectOutput output);

        protected virtual void OnSetToken(EffectConfigToken? newToken)
        {
        }
    }

    public abstract class BitmapEffect<TToken> : BitmapEffect
        where TToken : EffectConfigToken
    {
        private TToken? _token;

        protected BitmapEffect(string name, IBitmapSource? image, string? submenuName, BitmapEffectOptions options)
            : base(name, image, submenuName, options)
        {
        }

        protected BitmapEffect(string name, System.Drawing.Image? image, string? submenuName, BitmapEffectOptions options)
            : base(name, image, submenuName, options)
        {
        }

        protected BitmapEffect(string name, string? submenuName, BitmapEffectOptions options)
            : base(name, submenuName, options)
        {
        }

        protected TToken Token => _token ?? throw new InvalidOperationException("No token yet.");

        protected sealed override void OnSetToken(EffectConfigToken? newToken)
        {
            _token = (TToken?)newToken;
            OnSetToken(_token);
        }

        protected virtual void OnSetToken(TToken? newToken)
        {
        }
    }

    public abstract class PropertyBasedBitmapEffect : BitmapEffect<PropertyBasedEffectConfigToken>
    {
        protected PropertyBasedBitmapEffect(string name, IBitmapSource? image, string? submenuName, BitmapEffectOptions options)
            : base(name, image, submenuName, options)
        {
        }

        protected PropertyBasedBitmapEffect(string name, System.Drawing.Image? image, string? submenuName, BitmapEffectOptions options)
            : base(name, image, submenuName, options)
        {
        }

        protected PropertyBasedBitmapEffect(string name, string? submenuName, BitmapEffectOptions options)
            : base(name, submenuName, options)
        {
        }

        public static ControlInfo CreateDefaultConfigUI(IEnumerable<Property> props) => ControlInfo.CreateDefaultConfigUI(props);

        public PropertyCollection CreatePropertyCollection() => OnCreatePropertyCollection();

        public ControlInfo CreateConfigUI(PropertyCollection props) => OnCreateConfigUI(props);

        protected abstract PropertyCollection OnCreatePropertyCollection();

        protected virtual ControlInfo OnCreateConfigUI(PropertyCollection props) => CreateDefaultConfigUI(props);
    }
}
