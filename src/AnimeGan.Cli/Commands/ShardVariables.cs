using System.Globalization;
using AnimeGan.Core.Batches;

namespace AnimeGan.Cli.Commands
{
    /// <summary>
    /// Where a worker learns its part of a shared batch: --shard K/N, or the index a Kubernetes Indexed Job
    /// puts in JOB_COMPLETION_INDEX with the count from --shard-count or ANIMEGAN_SHARD_COUNT, so a job
    /// template needs no wrapper script.
    /// </summary>
    internal static class ShardVariables
    {
        /// <summary>The variable Kubernetes sets in each pod of an Indexed Job.</summary>
        public const string Index = "JOB_COMPLETION_INDEX";

        /// <summary>The variable a job template sets to the number of workers.</summary>
        public const string Count = "ANIMEGAN_SHARD_COUNT";

        /// <summary>The shard the options and the environment name, or null for the whole batch.</summary>
        /// <exception cref="ArgumentException">A shard that does not exist, or an index without a count.</exception>
        public static Shard? Resolve(string? given, int? count)
        {
            try
            {
                if (given != null)
                    return Shard.Parse(given);
                var index = Environment.GetEnvironmentVariable(Index);
                if (string.IsNullOrEmpty(index))
                    return null;
                var total = count?.ToString(CultureInfo.InvariantCulture) ?? Environment.GetEnvironmentVariable(Count);
                if (string.IsNullOrEmpty(total))
                    throw new ArgumentException($"${Index} is {index}, but how many workers share the photos is unknown: give --shard-count N or set ${Count}.");
                return Shard.Parse(index + "/" + total);
            }
            catch (Core.Exceptions.AnimeGanException ex)
            {
                throw new ArgumentException("--shard: " + ex.Message, ex);
            }
        }
    }
}
