namespace PaintDotNet.Rendering
{
    public readonly struct SizeInt32
    {
        public SizeInt32(int width, int height)
        {
            Width = width;
            Height = height;
        }

        public int Width { get; }

        public int Height { get; }
    }

    public readonly struct Point2Int32
    {
        public Point2Int32(int x, int y)
        {
            X = x;
            Y = y;
        }

        public int X { get; }

        public int Y { get; }
    }

    public readonly struct RectInt32 : System.IEquatable<RectInt32>
    {
        public RectInt32(int x, int y, int width, int height)
        {
            X = x;
            Y = y;
            Width = width;
            Height = height;
        }

        public int X { get; }

        public int Y { get; }

        public int Width { get; }

        public int Height { get; }

        public int Left => X;

        public int Top => Y;

        public int Right => X + Width;

        public int Bottom => Y + Height;

        public Point2Int32 Location => new Point2Int32(X, Y);

        public SizeInt32 Size => new SizeInt32(Width, Height);

        public bool HasArea => Width > 0 && Height > 0;

        public bool Contains(int x, int y) => x >= X && y >= Y && x < Right && y < Bottom;

        public bool IntersectsWith(RectInt32 rect) => Intersect(this, rect).HasArea;

        public static RectInt32 Intersect(RectInt32 a, RectInt32 b)
        {
            var left = System.Math.Max(a.Left, b.Left);
            var top = System.Math.Max(a.Top, b.Top);
            var right = System.Math.Min(a.Right, b.Right);
            var bottom = System.Math.Min(a.Bottom, b.Bottom);
            return right <= left || bottom <= top ? default : new RectInt32(left, top, right - left, bottom - top);
        }

        public bool Equals(RectInt32 other) => X == other.X && Y == other.Y && Width == other.Width && Height == other.Height;

        public override bool Equals(object? obj) => obj is RectInt32 other && Equals(other);

        public override int GetHashCode() => System.HashCode.Combine(X, Y, Width, Height);

        public override string ToString() => $"{X}, {Y}, {Width}, {Height}";
    }
}
