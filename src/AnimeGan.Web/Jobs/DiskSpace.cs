namespace AnimeGan.Web.Jobs
{
    /// <summary>
    /// The disk the server keeps results on: how much of it kept results may take, and whether a failed write
    /// failed for lack of room, which the client hears as 507 Insufficient Storage with a reason rather than a
    /// broken stream or a 500.
    /// </summary>
    internal static class DiskSpace
    {
        /// <summary>The share of the work folder's free space at start that kept results may take when no budget is set.</summary>
        public const double DefaultShareOfFreeSpace = 0.5;

        /// <summary>Bytes a kept result takes on disk per pixel: the photo's and the result's RGB (KeptResult.Save).</summary>
        public const long KeptBytesPerPixel = 6;

        /// <summary>The budget in bytes: the one given, else half of the free space where <paramref name="folder"/> lives.</summary>
        public static long Budget(int? megabytes, string folder)
        {
            if (megabytes is int given)
                return given * 1048576L;
            try
            {
                return (long)(new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace * DefaultShareOfFreeSpace);
            }
            catch (Exception ex) when (ex is IOException || ex is ArgumentException || ex is UnauthorizedAccessException)
            {
                return long.MaxValue; // cannot tell: only the disk itself limits, and a full disk is still answered with 507
            }
        }

        /// <summary>Whether a write failed because the disk (or the user's quota) is full, or the budget left no room.</summary>
        public static bool IsFull(Exception error)
            => error is NoRoomToKeepException
               || (error is IOException io && (OperatingSystem.IsWindows()
                   ? (io.HResult & 0xFFFF) is WindowsDiskFull or WindowsHandleDiskFull
                   : io.HResult is UnixNoSpace or UnixQuotaExceeded));

        /// <summary>Bytes a directory's files take.</summary>
        public static long Used(string folder)
            => Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

        // .NET reports the errno on Unix (ENOSPC 28, EDQUOT 122 on Linux) and the Win32 error on Windows as the HResult.
        private const int UnixNoSpace = 28;
        private const int UnixQuotaExceeded = 122;
        private const int WindowsDiskFull = 0x70;
        private const int WindowsHandleDiskFull = 0x27;
    }

    /// <summary>A result that cannot be kept within the server's disk budget, even with every older result let go.</summary>
    internal sealed class NoRoomToKeepException : IOException
    {
        public NoRoomToKeepException(string message)
            : base(message)
        {
        }
    }
}
