using PaintDotNet.PropertySystem;

namespace PaintDotNet.Effects
{
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
}
