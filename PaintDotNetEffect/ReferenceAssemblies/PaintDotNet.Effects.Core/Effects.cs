using PaintDotNet.Imaging;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;

namespace PaintDotNet.Effects
{
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
