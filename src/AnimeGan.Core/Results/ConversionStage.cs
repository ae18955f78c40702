namespace AnimeGan.Core
{
    /// <summary>
    /// The steps of one photo's conversion, in order, so a front end can show more than "1 of 5" while a
    /// photo that takes seconds is under way ("finding faces", "stylizing").
    /// </summary>
    public enum ConversionStage
    {
        /// <summary>Reading and decoding the file.</summary>
        Reading,

        /// <summary>Running the style model on the whole picture and bringing it back to full size.</summary>
        Stylizing,

        /// <summary>Looking for faces to stylize at their own scale.</summary>
        FindingFaces,

        /// <summary>Stylizing the faces found and blending them back.</summary>
        EnhancingFaces,

        /// <summary>Encoding the result into a temporary file beside its target.</summary>
        Writing,
    }

    /// <summary>Words for the stages, shared by every front end that shows them.</summary>
    public static class ConversionStages
    {
        /// <summary>A few lower-case words a person reads beside a progress bar ("finding faces").</summary>
        public static string Describe(ConversionStage stage) => stage switch
        {
            ConversionStage.Reading => "reading",
            ConversionStage.Stylizing => "stylizing",
            ConversionStage.FindingFaces => "finding faces",
            ConversionStage.EnhancingFaces => "enhancing faces",
            _ => "writing",
        };
    }
}
