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
}
