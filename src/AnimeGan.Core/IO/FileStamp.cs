namespace AnimeGan.Core.IO
{
    /// <summary>
    /// A file's length and last write time: cheap to read on every access, and different whenever a writer
    /// has replaced the file, which is all a cache needs to know to read it again.
    /// </summary>
    internal readonly struct FileStamp : IEquatable<FileStamp>
    {
        private FileStamp(long length, DateTime writeTimeUtc)
        {
            Length = length;
            WriteTimeUtc = writeTimeUtc;
        }

        public long Length { get; }

        public DateTime WriteTimeUtc { get; }

        /// <summary>The stamp of a file now; a missing file has the default stamp.</summary>
        public static FileStamp Of(string path)
        {
            var file = new FileInfo(path);
            return file.Exists ? new FileStamp(file.Length, file.LastWriteTimeUtc) : default;
        }

        public bool Equals(FileStamp other) => Length == other.Length && WriteTimeUtc == other.WriteTimeUtc;

        public override bool Equals(object? obj) => obj is FileStamp other && Equals(other);

        public override int GetHashCode() => Length.GetHashCode() ^ WriteTimeUtc.GetHashCode();
    }
}
