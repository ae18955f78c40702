using System.Globalization;

namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// The memory limit a container (or a systemd unit) puts on this process, read from its cgroup: version 2's
    /// <c>memory.max</c>, or version 1's <c>memory/memory.limit_in_bytes</c>. .NET sizes its heap limit from the
    /// same file but only to 75% of it; a server that owns the container can plan on the limit itself.
    /// </summary>
    public static class ContainerMemory
    {
        /// <summary>The cgroup file system as a container sees its own cgroup.</summary>
        public const string CgroupRoot = "/sys/fs/cgroup";

        /// <summary>
        /// What this process keeps for itself beyond its conversions: an idle server measured about 300 MB resident
        /// (runtime, model sessions, the style previews), with room.
        /// </summary>
        public const long RuntimeReserveBytes = 384L << 20;

        /// <summary>Gets the memory limit of the cgroup at <paramref name="root"/>, or null where there is none (or no cgroup file system).</summary>
        public static long? LimitBytes(string root = CgroupRoot)
        {
            foreach (var file in new[] { Path.Combine(root, "memory.max"), Path.Combine(root, "memory", "memory.limit_in_bytes") })
            {
                string text;
                try
                {
                    if (!File.Exists(file))
                        continue;
                    text = File.ReadAllText(file).Trim();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    continue;
                }

                // "max" (v2) or a page-rounded 2^63 (v1) both mean no limit.
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 && bytes < (1L << 60))
                    return bytes;
                return null;
            }

            return null;
        }
    }
}
