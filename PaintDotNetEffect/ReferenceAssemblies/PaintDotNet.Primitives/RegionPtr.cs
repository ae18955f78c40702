using PaintDotNet.Rendering;

namespace PaintDotNet
{
    public readonly unsafe struct RegionPtr<T>
        where T : unmanaged
    {
        internal RegionPtr(T* ptr, int width, int height, int stride)
        {
            Ptr = ptr;
            Width = width;
            Height = height;
            Stride = stride;
        }

        public T* Ptr { get; }

        public int Width { get; }

        public int Height { get; }

        public int Stride { get; }

        public ref T this[int x, int y] => ref *(T*)((byte*)Ptr + ((long)y * Stride) + ((long)x * sizeof(T)));

        public RegionPtr<T> Slice(RectInt32 rect) => new RegionPtr<T>((T*)((byte*)Ptr + ((long)rect.Y * Stride) + ((long)rect.X * sizeof(T))), rect.Width, rect.Height, Stride);

        public void CopyTo(RegionPtr<T> destination)
        {
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                    destination[x, y] = this[x, y];
            }
        }
    }
}
