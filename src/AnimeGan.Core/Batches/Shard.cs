using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// One worker's part of a batch that several machines share (a Kubernetes Indexed Job, a Slurm job array,
    /// GNU parallel over ssh): worker K of N converts the photos whose key hashes to K. The key is the photo's
    /// path below the folder it was found in, with '/' separators and letters folded to one case, so every
    /// machine and operating system splits a shared folder the same way, and N workers with K = 0..N-1 take
    /// every photo exactly once. Two names that differ only in case land with the same worker.
    /// </summary>
    public sealed record Shard
    {
        /// <summary>Creates worker <paramref name="index"/>'s part of <paramref name="count"/>.</summary>
        /// <exception cref="AnimeGanException"><see cref="AnimeGanErrorCode.InvalidOption"/>: not 0 &lt;= index &lt; count.</exception>
        public Shard(int index, int count)
        {
            if (count < 1 || index < 0 || index >= count)
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"There is no shard {index.ToString(CultureInfo.InvariantCulture)}/{count.ToString(CultureInfo.InvariantCulture)}: the count must be at least 1 and the index from 0 to count - 1.");
            Index = index;
            Count = count;
        }

        /// <summary>Gets this worker's number, from 0.</summary>
        public int Index { get; }

        /// <summary>Gets how many workers share the batch.</summary>
        public int Count { get; }

        /// <summary>Reads "K/N" (for example 1/4), as command lines and job templates write it.</summary>
        /// <exception cref="AnimeGanException"><see cref="AnimeGanErrorCode.InvalidOption"/>: not of that form, or no such shard.</exception>
        public static Shard Parse(string text)
        {
            var parts = (text ?? "").Split('/');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"'{text}' is not a shard: write K/N, this worker's number from 0 and the number of workers, for example 0/4.");
            }

            return new Shard(index, count);
        }

        /// <summary>Gets the key a photo is split by: its path below its folder (its name when it has none), '/'-separated, in one case.</summary>
        public static string KeyOf(BatchInput input)
        {
            Throw.IfNull(input);
            var full = System.IO.Path.GetFullPath(input.Path);
            var relative = input.Root == null ? System.IO.Path.GetFileName(full) : RelativeTo(input.Root, full);
            return relative.Replace('\\', '/').ToUpperInvariant();
        }

        /// <summary>Whether this worker takes the photo.</summary>
        public bool Takes(BatchInput input)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(KeyOf(input)));
            // The first 8 bytes of the SHA-256, little-endian whatever this machine's byte order.
            ulong value = 0;
            for (var i = 7; i >= 0; i--)
                value = (value << 8) | hash[i];
            return (int)(value % (ulong)Count) == Index;
        }

        /// <summary>Gets "K/N".</summary>
        public override string ToString() => $"{Index.ToString(CultureInfo.InvariantCulture)}/{Count.ToString(CultureInfo.InvariantCulture)}";

        private static string RelativeTo(string root, string full)
        {
            var folder = System.IO.Path.GetFullPath(root).TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
            return full.StartsWith(folder, StringComparison.OrdinalIgnoreCase) ? full.Substring(folder.Length) : System.IO.Path.GetFileName(full);
        }
    }
}
