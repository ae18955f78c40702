using PaintDotNet.Rendering;

namespace PaintDotNet.Imaging
{
    public struct ColorBgra32
    {
        public ColorBgra32(byte b, byte g, byte r, byte a)
        {
            B = b;
            G = g;
            R = r;
            A = a;
        }

        public byte B;

        public byte G;

        public byte R;

        public byte A;
    }

    public interface IBitmapSource
    {
        SizeInt32 Size { get; }
    }

    public interface IBitmapSource<T> : IBitmapSource
        where T : unmanaged
    {
    }

    public unsafe interface IBitmapLock : System.IDisposable
    {
        void* Buffer { get; }

        int BufferStride { get; }

        SizeInt32 Size { get; }
    }

    public unsafe interface IBitmapLock<T> : IBitmapLock
        where T : unmanaged
    {
        new T* Buffer { get; }
    }

    public static class BitmapLockExtensions
    {
        public static unsafe RegionPtr<T> AsRegionPtr<T>(this IBitmapLock<T> bitmapLock)
            where T : unmanaged
            => new RegionPtr<T>(bitmapLock.Buffer, bitmapLock.Size.Width, bitmapLock.Size.Height, bitmapLock.BufferStride);
    }
}
