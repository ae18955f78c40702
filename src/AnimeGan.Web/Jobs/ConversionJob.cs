using System;
using System.Collections.Concurrent;
using AnimeGan.Core.Imaging;

namespace AnimeGan.Web.Jobs
{
    /// <summary>
    /// A photo converted through the page and kept for a while: its upload and its full-strength result, so
    /// strength and colours can change and downloads can be made without running the model again.
    /// </summary>
    internal sealed class ConversionJob : IDisposable
    {
        private readonly WorkArea _area;
        private IDisposable? _awaitingDownload;

        public ConversionJob(string id, WorkArea area, string fileName, string originalPath, string styledPath, RasterFormat sourceFormat)
        {
            Id = id;
            _area = area;
            FileName = fileName;
            OriginalPath = originalPath;
            StyledPath = styledPath;
            SourceFormat = sourceFormat;
            Touch();
        }

        /// <summary>Gets the unguessable id that names the job in URLs.</summary>
        public string Id { get; }

        /// <summary>Gets the name the client gave the file.</summary>
        public string FileName { get; }

        public string OriginalPath { get; }

        /// <summary>Gets the full-strength result, without kept colours, as a lossless PNG.</summary>
        public string StyledPath { get; }

        public RasterFormat SourceFormat { get; }

        /// <summary>Gets preview JPEGs made so far, by kind (before, after).</summary>
        public ConcurrentDictionary<string, byte[]> Previews { get; } = new ConcurrentDictionary<string, byte[]>();

        public DateTime LastUsedUtc { get; private set; }

        public void Touch() => LastUsedUtc = DateTime.UtcNow;

        /// <summary>The download name: the client's name with the suffix, in the written format's extension.</summary>
        public string DownloadName(RasterFormat format) => Naming.DownloadName(FileName, format);

        /// <summary>Holds a stopping server's drain open until this result is first downloaded (see <see cref="Delivered"/>).</summary>
        public void AwaitDownload(IDisposable drainHandle) => _awaitingDownload = drainHandle;

        /// <summary>Marks the result downloaded: a draining server need not wait for it any more.</summary>
        public void Delivered() => System.Threading.Interlocked.Exchange(ref _awaitingDownload, null)?.Dispose();

        public void Dispose()
        {
            Delivered();
            _area.Dispose();
        }
    }
}
