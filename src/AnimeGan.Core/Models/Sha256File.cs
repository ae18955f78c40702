using System.Security.Cryptography;

namespace AnimeGan.Core.Models
{
    /// <summary>SHA-256 of files and of streams being copied, in the lower-case hex the manifest uses.</summary>
    internal static class Sha256File
    {
        public static string Compute(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var sha = SHA256.Create();
            return ToHex(sha.ComputeHash(stream));
        }

        /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> and hashes what was copied in one pass.</summary>
        public static string CopyAndHash(Stream source, Stream destination, CancellationToken cancellationToken, IProgress<long>? progress = null)
        {
            using var sha = SHA256.Create();
            var buffer = new byte[1 << 16];
            int read;
            long copied = 0;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sha.TransformBlock(buffer, 0, read, null, 0);
                destination.Write(buffer, 0, read);
                copied += read;
                progress?.Report(copied);
            }

            sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
            return ToHex(sha.Hash!);
        }

        private static string ToHex(byte[] hash)
        {
            var chars = new char[hash.Length * 2];
            const string digits = "0123456789abcdef";
            for (var i = 0; i < hash.Length; i++)
            {
                chars[2 * i] = digits[hash[i] >> 4];
                chars[(2 * i) + 1] = digits[hash[i] & 0xF];
            }

            return new string(chars);
        }
    }
}
