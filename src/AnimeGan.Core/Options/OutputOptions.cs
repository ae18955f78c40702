namespace AnimeGan.Core.Options
{
    /// <summary>How a converted file is written.</summary>
    public sealed record OutputOptions
    {
        /// <summary>Gets the output format; null chooses it from the output file's extension.</summary>
        public RasterFormat? Format { get; init; }

        /// <summary>Gets the quality for JPEG and other lossy formats, 1..100; null for <see cref="ImageEncoder.DefaultJpegQuality"/>.</summary>
        public int? Quality { get; init; }

        /// <summary>Gets whether an existing output file may be replaced (never the input itself).</summary>
        public bool Overwrite { get; init; }
    }
}
