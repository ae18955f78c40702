namespace AnimeGan.Web.Jobs
{
    /// <summary>
    /// A private temporary folder (this user's alone, see <see cref="PrivateFiles"/>) for one request or one kept result: the only place the server writes, and
    /// removed with everything in it when disposed.
    /// </summary>
    internal sealed class WorkArea : IDisposable
    {
        public WorkArea(string path)
        {
            Path = path;
            PrivateFiles.CreateFolder(path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                if (Directory.Exists(Path))
                    Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere: the store removes its whole root at shutdown.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
