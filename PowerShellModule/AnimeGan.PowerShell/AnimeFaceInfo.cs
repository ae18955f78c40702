using System.Globalization;

namespace AnimeGan.PowerShell
{
    /// <summary>One face found in an image.</summary>
    public sealed class AnimeFaceInfo
    {
        internal AnimeFaceInfo(string path, int index, float x, float y, float width, float height, float score, AnimeFacePoint[] landmarks)
        {
            Path = path;
            Index = index;
            X = x;
            Y = y;
            Width = width;
            Height = height;
            Score = score;
            Landmarks = landmarks;
        }

        /// <summary>Gets the image.</summary>
        public string Path { get; }

        /// <summary>Gets the face's number in the image, best first.</summary>
        public int Index { get; }

        /// <summary>Gets the box's left edge.</summary>
        public float X { get; }

        /// <summary>Gets the box's top edge.</summary>
        public float Y { get; }

        /// <summary>Gets the box width.</summary>
        public float Width { get; }

        /// <summary>Gets the box height.</summary>
        public float Height { get; }

        /// <summary>Gets the confidence.</summary>
        public float Score { get; }

        /// <summary>Gets the five landmarks: eyes, nose, mouth corners.</summary>
        public AnimeFacePoint[] Landmarks { get; }

        /// <summary>Gets the image and the face's number, so two faces of one photo read apart.</summary>
        public override string ToString() => $"{Path} (face {Index.ToString(CultureInfo.InvariantCulture)})";
    }
}
