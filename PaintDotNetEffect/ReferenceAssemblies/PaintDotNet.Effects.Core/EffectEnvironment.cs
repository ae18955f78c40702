using PaintDotNet.Imaging;
using PaintDotNet.Rendering;

namespace PaintDotNet.Effects
{
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
        public static IEffectInputBitmap<ColorBgra32> GetSourceBitmapBgra32(this IEffectEnvironment environment) => ((IHostEnvironment)environment).Source;
    }

    /// <summary>What the test host implements behind <see cref="IEffectEnvironment"/>.</summary>
    internal interface IHostEnvironment
    {
        IEffectInputBitmap<ColorBgra32> Source { get; }
    }
}
