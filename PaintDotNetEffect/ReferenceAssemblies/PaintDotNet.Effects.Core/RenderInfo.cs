namespace PaintDotNet.Effects
{
    [Flags]
    public enum BitmapEffectRenderingFlags : ulong
    {
        None = 0,
        SingleThreaded = 1,
        DisableSelectionClipping = 2,
        ForceAliasedSelectionQuality = 4,
        FirstTileIsRenderedWithBarrier = 8,
    }

    public enum BitmapEffectRenderingSchedule : long
    {
        None = 0,
        HorizontalStrips = 1,
        SquareTiles = 2,
    }

    public interface IBitmapEffectRenderInfo
    {
        BitmapEffectRenderingFlags Flags { get; set; }

        BitmapEffectRenderingSchedule Schedule { get; set; }
    }
}
