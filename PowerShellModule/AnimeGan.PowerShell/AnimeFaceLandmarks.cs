using System.Collections.ObjectModel;

namespace AnimeGan.PowerShell
{
    /// <summary>
    /// A face's five landmarks (eyes, nose, mouth corners), indexed and enumerated like an array, and written as
    /// one readable value where a cell takes text: Export-Csv and a table wrote an array's type name instead.
    /// </summary>
    public sealed class AnimeFaceLandmarks : ReadOnlyCollection<AnimeFacePoint>
    {
        /// <summary>Wraps the points, in the detector's order.</summary>
        public AnimeFaceLandmarks(IList<AnimeFacePoint> points)
            : base(points)
        {
        }

        /// <summary>Gets the points as "(x, y) (x, y) ...", with a decimal point whatever the culture.</summary>
        public override string ToString() => string.Join(" ", this);
    }
}
