using PaintDotNet.Rendering;

namespace PaintDotNet.Imaging
{
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
}
