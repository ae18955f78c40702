namespace PaintDotNet.Effects
{
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
}
