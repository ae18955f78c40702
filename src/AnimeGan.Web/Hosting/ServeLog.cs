namespace AnimeGan.Web.Hosting
{
    /// <summary>The server's own announcements (where it serves, that it stopped) when they go to the log: with JSON logs, every line on the output is an event.</summary>
    public static class ServeLog
    {
        /// <summary>The log category of the announcements, always written.</summary>
        public const string Category = "AnimeGan.Serve";
    }
}
