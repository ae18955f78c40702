namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// A step of a running batch: which photo entered which stage, and how many photos are done. Reported on
    /// the thread that takes the batch's outcomes, so hosts with thread rules (PowerShell's Write-Progress,
    /// a console progress bar) can show it directly.
    /// </summary>
    /// <param name="InputPath">The photo this step is about.</param>
    /// <param name="Stage">The stage the photo has entered.</param>
    /// <param name="Completed">How many photos of the batch have an outcome so far.</param>
    /// <param name="Total">How many photos the batch runs.</param>
    public sealed record BatchProgress(string InputPath, ConversionStage Stage, int Completed, int Total)
    {
        /// <summary>Gets the frame just stylized, for a video (counting from 1); 0 otherwise.</summary>
        public int Frame { get; init; }

        /// <summary>Gets how many frames the video has (an estimate from its duration until the last one); 0 for a photo.</summary>
        public int Frames { get; init; }

        /// <summary>Gets the step in a few words for a progress display: the stage ("finding faces"), or "frame 12 of 90" for a video.</summary>
        public string Step => Frames > 0 ? $"frame {Frame} of {Frames}" : ConversionStages.Describe(Stage);
    }
}
