namespace AnimeGan.Web.Jobs
{
    /// <summary>
    /// A photo converted through the page and kept for a while: its <see cref="KeptResult"/> saved once in the
    /// job's private area, and its two previews, so strength and colours can change and downloads can be made
    /// without running the model or decoding the photo again. The newest results also stay in memory until
    /// <see cref="Release"/>, so the download that usually follows a conversion reads nothing back from disk.
    /// </summary>
    internal sealed class ConversionJob : IDisposable
    {
        private readonly WorkArea _area;
        private IDisposable? _awaitingDownload;
        private KeptResult? _resident;
        private readonly TaskCompletionSource _removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Keeps a result: saves it in <paramref name="area"/>, which now belongs to the job, and makes its previews; a stopping server cancels between the steps.</summary>
        public ConversionJob(string id, WorkArea area, string fileName, KeptResult kept, ResultChoice choice, int previewSize, CancellationToken cancellationToken)
        {
            Id = id;
            _area = area;
            FileName = fileName;
            Choice = choice;
            Width = kept.Width;
            Height = kept.Height;
            KeptPath = area.File("kept.raw");
            using (var file = PrivateFiles.CreateFile(KeptPath, 1 << 20))
                kept.Save(file);
            cancellationToken.ThrowIfCancellationRequested();
            Before = kept.Preview(styled: false, previewSize, PreviewQuality);
            cancellationToken.ThrowIfCancellationRequested();
            After = kept.Preview(styled: true, previewSize, PreviewQuality);
            cancellationToken.ThrowIfCancellationRequested();
            _resident = kept;
        }

        /// <summary>
        /// The previews' JPEG quality: high enough that the page's blend of the two previews stays within a level
        /// or two of the downloaded file (measured in docs/performance.md), small enough for a phone.
        /// </summary>
        public const int PreviewQuality = 95;

        /// <summary>Gets the unguessable id that names the job in URLs.</summary>
        public string Id { get; }

        /// <summary>Gets the name the client gave the file.</summary>
        public string FileName { get; }

        /// <summary>Gets the strength, colours and format asked with the upload: what a download gets unless it asks otherwise.</summary>
        public ResultChoice Choice { get; }

        public int Width { get; }

        public int Height { get; }

        /// <summary>Gets the saved <see cref="KeptResult"/>.</summary>
        public string KeptPath { get; }

        /// <summary>Gets the photo's preview, JPEG.</summary>
        public byte[] Before { get; }

        /// <summary>Gets the full-strength result's preview, JPEG.</summary>
        public byte[] After { get; }

        /// <summary>Gets the bytes the job always holds in memory (its previews); its pixels are on disk, and in memory only until <see cref="Release"/>.</summary>
        public long Bytes => Before.Length + After.Length;

        /// <summary>Gets the kept result: the one in memory while the job is among the newest, else read back from disk (no decoding).</summary>
        public KeptResult Load()
        {
            if (Volatile.Read(ref _resident) is { } resident)
                return resident;
            using var file = new FileStream(KeptPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            return KeptResult.Load(file, FileName);
        }

        /// <summary>Lets go of the in-memory copy; later downloads read the saved file. A download already holding it finishes.</summary>
        public void Release() => Volatile.Write(ref _resident, null);

        /// <summary>Writes the result at a choice, in the format asked with the upload unless the choice names another.</summary>
        public RasterFormat Write(Stream destination, ResultChoice choice)
        {
            var kept = Load();
            return kept.Write(destination, choice.Strength, choice.KeepColors, choice.Format ?? Choice.Format);
        }

        /// <summary>The download name: the client's name with the suffix, in the written format's extension.</summary>
        public string DownloadName(RasterFormat format, int copy = 1) => DownloadFiles.DownloadName(FileName, format, copy);

        /// <summary>Holds a stopping server's drain open until this result is first downloaded (see <see cref="Delivered"/>).</summary>
        public void AwaitDownload(IDisposable drainHandle) => _awaitingDownload = drainHandle;

        /// <summary>Marks the result downloaded: a draining server need not wait for it any more.</summary>
        public void Delivered() => Interlocked.Exchange(ref _awaitingDownload, null)?.Dispose();

        /// <summary>Gets a task that completes once the job is removed and its files deleted (expired, evicted or deleted).</summary>
        public Task Removed => _removed.Task;

        public void Dispose()
        {
            Release();
            Delivered();
            _area.Dispose();
            _removed.TrySetResult();
        }
    }

    /// <summary>A strength and colour choice for a kept result, and the format to write it in (null for the photo's own).</summary>
    internal sealed record ResultChoice(double Strength, bool KeepColors, RasterFormat? Format = null);
}
