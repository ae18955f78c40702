using PaintDotNet.Imaging;
using PaintDotNet.Rendering;

namespace PaintDotNet.Effects
{
    public interface IBitmapEffectOutput
    {
        RectInt32 Bounds { get; }
    }

    public static class BitmapEffectOutputExtensions
    {
        public static IBitmapLock<ColorBgra32> LockBgra32(this IBitmapEffectOutput output) => ((IHostOutput)output).LockBgra32();
    }

    /// <summary>What the test host implements behind <see cref="IBitmapEffectOutput"/>.</summary>
    internal interface IHostOutput
    {
        IBitmapLock<ColorBgra32> LockBgra32();
    }
}
