namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// A step of a running batch: which photo entered which stage, and how many photos are done. Reported on
    /// the thread that takes the batch's outcomes, so hosts with thread rules (PowerShell's Write-Progress,
    /// a console progress bar) can show it directly.
    /// </summary>
    public sealed class BatchProgress
    {
        internal BatchProgress(string inputPath, ConversionStage stage, int completed, int total)
        {
            InputPath = inputPath;
            Stage = stage;
            Completed = completed;
            Total = total;
        }

        /// <summary>Gets the photo this step is about.</summary>
        public string InputPath { get; }

        /// <summary>Gets the stage the photo has entered.</summary>
        public ConversionStage Stage { get; }

        /// <summary>Gets how many photos of the batch have an outcome so far.</summary>
        public int Completed { get; }

        /// <summary>Gets how many photos the batch runs.</summary>
        public int Total { get; }

        /// <summary>Gets the frame just stylized, for a video (counting from 1); 0 otherwise.</summary>
        public int Frame { get; internal set; }

        /// <summary>Gets how many frames the video has (an estimate from its duration until the last one); 0 for a photo.</summary>
        public int Frames { get; internal set; }

        /// <summary>Gets the step in a few words for a progress display: the stage ("finding faces"), or "frame 12 of 90" for a video.</summary>
        public string Step => Frames > 0 ? $"frame {Frame} of {Frames}" : ConversionStages.Describe(Stage);
    }
}
