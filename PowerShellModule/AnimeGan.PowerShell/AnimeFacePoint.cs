using System.Globalization;

namespace AnimeGan.PowerShell
{
    /// <summary>
    /// A landmark in image pixels. A point with X and Y rather than a pair of numbers: under a culture with a
    /// decimal comma, "12,5 30,25" cannot be read back, while "(12.5, 30.25)" and .X / .Y can.
    /// </summary>
    /// <param name="X">The distance from the image's left edge.</param>
    /// <param name="Y">The distance from the image's top edge.</param>
    public readonly record struct AnimeFacePoint(float X, float Y)
    {
        /// <summary>Gets the point as (x, y) with a decimal point, whatever the culture.</summary>
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "({0}, {1})", X, Y);
    }
}
