namespace PaintDotNet.Imaging
{
    public static class BitmapLockExtensions
    {
        public static unsafe RegionPtr<T> AsRegionPtr<T>(this IBitmapLock<T> bitmapLock)
            where T : unmanaged
            => new RegionPtr<T>(bitmapLock.Buffer, bitmapLock.Size.Width, bitmapLock.Size.Height, bitmapLock.BufferStride);
    }
}
