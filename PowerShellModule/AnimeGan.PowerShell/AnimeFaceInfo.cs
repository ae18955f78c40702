using System.Globalization;

namespace AnimeGan.PowerShell
{
    /// <summary>One face found in an image, as Get-AnimeFace writes it.</summary>
    /// <param name="Path">The image.</param>
    /// <param name="Index">The face's number in the image, best first.</param>
    /// <param name="X">The box's left edge.</param>
    /// <param name="Y">The box's top edge.</param>
    /// <param name="Width">The box width.</param>
    /// <param name="Height">The box height.</param>
    /// <param name="Score">The confidence.</param>
    /// <param name="Landmarks">The five landmarks: eyes, nose, mouth corners.</param>
    public sealed record AnimeFaceInfo(string Path, int Index, float X, float Y, float Width, float Height, float Score, AnimeFaceLandmarks Landmarks)
    {
        /// <summary>Gets the image and the face's number, so two faces of one photo read apart.</summary>
        public override string ToString() => $"{Path} (face {Index.ToString(CultureInfo.InvariantCulture)})";
    }
}
