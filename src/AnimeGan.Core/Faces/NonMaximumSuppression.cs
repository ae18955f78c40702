namespace AnimeGan.Core.Faces
{
    /// <summary>Keeps the best of overlapping detections of one face.</summary>
    internal static class NonMaximumSuppression
    {
        public static List<DetectedFace> Apply(IEnumerable<DetectedFace> candidates, float maxOverlap)
        {
            var kept = new List<DetectedFace>();
            foreach (var candidate in candidates.OrderByDescending(c => c.Score))
            {
                if (kept.All(k => k.Box.IntersectionOverUnion(candidate.Box) <= maxOverlap))
                    kept.Add(candidate);
            }

            return kept;
        }
    }
}
