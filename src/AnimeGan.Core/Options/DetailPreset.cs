namespace AnimeGan.Core.Options
{
    /// <summary>
    /// A named working size for front ends that offer a short choice instead of a number (the Paint.NET effect's
    /// Detail list, the web page's Detail menu), so every front end names the same sizes the same way.
    /// </summary>
    /// <param name="Name">What the choice is called (Fast, Balanced, Fine).</param>
    /// <param name="WorkingSize">The long side the model runs at.</param>
    public sealed record DetailPreset(string Name, int WorkingSize)
    {
        /// <summary>Gets the quick one: half the default's side, a quarter of its pixels to stylize.</summary>
        public static DetailPreset Fast { get; } = new DetailPreset("Fast", 512);

        /// <summary>Gets the default working size.</summary>
        public static DetailPreset Balanced { get; } = new DetailPreset("Balanced", AnimeGanEngine.DefaultMaxSize);

        /// <summary>Gets the finest: more of the photo's detail reaches the model, at a cost measured in docs/performance.md (`sizes`).</summary>
        public static DetailPreset Fine { get; } = new DetailPreset("Fine", 1536);

        /// <summary>Gets the choices in the order a menu lists them.</summary>
        public static IReadOnlyList<DetailPreset> All { get; } = new[] { Fast, Balanced, Fine };

        /// <summary>Gets whether this is the engine's default working size.</summary>
        public bool IsDefault => WorkingSize == AnimeGanEngine.DefaultMaxSize;

        /// <summary>Gets the menu text: the name and the size, "Fine (1536 px)".</summary>
        public string Label => $"{Name} ({WorkingSize} px)";
    }
}
