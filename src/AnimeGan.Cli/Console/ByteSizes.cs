namespace AnimeGan.Cli.Console
{
    /// <summary>Byte counts as people read them in a table (KB below a megabyte, MB with one decimal above).</summary>
    internal static class ByteSizes
    {
        public static string Format(long bytes)
            => bytes >= 1 << 20 ? $"{bytes / 1048576.0:0.0} MB" : $"{bytes / 1024.0:0} KB";
    }
}
