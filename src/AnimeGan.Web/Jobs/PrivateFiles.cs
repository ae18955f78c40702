namespace AnimeGan.Web.Jobs
{
    /// <summary>
    /// Folders and files only this user can open: on Linux and macOS folders are created 0700 and files 0600,
    /// so photos uploaded to a server on a shared machine are not readable by the machine's other users. Windows
    /// gives the user's temporary folder the same protection through its access list.
    /// </summary>
    internal static class PrivateFiles
    {
        private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        /// <summary>Creates a folder (and its missing parents) for this user alone; one that exists is made private too.</summary>
        public static void CreateFolder(string path)
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
                return;
            }

            Directory.CreateDirectory(path, FolderMode);
            File.SetUnixFileMode(path, FolderMode);
        }

        /// <summary>Creates a new file for this user alone, for writing.</summary>
        public static FileStream CreateFile(string path, int bufferSize, bool useAsync = false)
        {
            var options = new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = bufferSize,
                Options = useAsync ? FileOptions.Asynchronous : FileOptions.None,
            };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = FileMode;
            return new FileStream(path, options);
        }
    }
}
