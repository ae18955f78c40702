using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace AnimeGan.Web.Jobs
{
    /// <summary>
    /// The server's temporary files and kept results. Everything lives under one private root that is removed
    /// at shutdown; the root's name says whose it is (process id and start time), so a server that starts
    /// removes the roots of servers that are gone without cleaning up (killed, crashed, a machine that lost power),
    /// and people's photos do not outlive the server that took them. Results are kept in the framework's <see cref="MemoryCache"/>: one not used for
    /// <see cref="IdleLifetime"/> expires (removed by <see cref="JobExpiry"/>'s timer), at most <see cref="MaxJobs"/> are kept (the least recently used
    /// go first), and an evicted result's files are deleted. Ids are 128 random bits, so one visitor cannot
    /// reach another's photos, and nothing lists them. The newest results, one per conversion slot, also keep
    /// their pixels in memory (<see cref="ConversionJob.Release"/> lets go of the oldest), so a download right
    /// after its conversion neither reads the saved file nor allocates its pixels again.
    /// </summary>
    /// <remarks>
    /// Kept results also share a disk budget (<see cref="DiskBudget"/>, --max-disk-mb): a new result makes room by
    /// letting the oldest go, and one that could not fit even alone is refused.
    /// </remarks>
    internal sealed class JobStore : IDisposable
    {
        public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(30);

        public const int MaxJobs = 500;

        private readonly MemoryCache _jobs;
        private readonly string? _replica;
        private readonly int _residentLimit;
        private readonly ConcurrentQueue<ConversionJob> _resident = new ConcurrentQueue<ConversionJob>();
        private readonly ConcurrentDictionary<string, (long Bytes, long Order)> _onDisk = new ConcurrentDictionary<string, (long Bytes, long Order)>(StringComparer.Ordinal);
        private readonly object _diskLock = new object();
        private long _diskBytes;
        private long _added;
        private bool _disposed;

        /// <param name="options">The server's options: its replica name and conversion slots.</param>
        /// <param name="clock">The cache's clock; null for the system's (a test moves its own past the idle time).</param>
        public JobStore(ServeOptions options, Microsoft.Extensions.Internal.ISystemClock? clock = null)
        {
            _jobs = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxJobs, CompactionPercentage = 0.02, Clock = clock });
            _replica = options.ReplicaId;
            _residentLimit = Math.Max(1, options.Jobs);
            var userRoot = UserRoot();
            RemovedAtStart = RemoveRootsOfServersThatAreGone(userRoot);
            Root = Path.Combine(userRoot, OwnerPrefix(Environment.ProcessId, StartedAt(Process.GetCurrentProcess())) + NewId());
            PrivateFiles.CreateFolder(Root);
            DiskBudget = DiskSpace.Budget(options.MaxDiskMegabytes, Root);

            // A host that is never disposed (a process that exits without stopping it) still takes its files along.
            AppDomain.CurrentDomain.ProcessExit += RemoveAtExit;
        }

        /// <summary>Gets the folder that holds every temporary file of this server.</summary>
        public string Root { get; }

        /// <summary>Gets how many roots of servers that had stopped without cleaning up this store removed as it started.</summary>
        public int RemovedAtStart { get; }

        public int Count => _jobs.Count;

        /// <summary>Gets the bytes kept results may take on disk together.</summary>
        public long DiskBudget { get; }

        /// <summary>Gets the bytes the kept results take on disk now.</summary>
        public long DiskBytes => Interlocked.Read(ref _diskBytes);

        /// <summary>The bytes a result of a picture this size will take on disk, beside its upload.</summary>
        public static long KeptBytes(int width, int height) => (long)width * height * DiskSpace.KeptBytesPerPixel;

        /// <summary>
        /// Makes room on disk for a result of <paramref name="bytes"/>, letting the oldest results go as needed.
        /// </summary>
        /// <exception cref="NoRoomToKeepException">It would not fit even with every other result gone; the message says why, naming <paramref name="name"/>.</exception>
        public void MakeRoom(long bytes, string name)
        {
            if (bytes > DiskBudget)
                throw new NoRoomToKeepException($"{name}: its result would take {Megabytes(bytes)} MB on the server's disk, more than the {Megabytes(DiskBudget)} MB this server keeps results in (--max-disk-mb); send a smaller picture.");
            lock (_diskLock)
            {
                while (DiskBytes + bytes > DiskBudget && _onDisk.Count > 0)
                {
                    var oldest = _onDisk.OrderBy(j => j.Value.Order).First().Key;
                    if (!Remove(oldest))
                        Forget(oldest);
                }
            }
        }

        /// <summary>A fresh private folder for one request.</summary>
        public WorkArea CreateArea()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new WorkArea(Path.Combine(Root, NewId()));
        }

        /// <summary>Keeps a converted photo; its area now belongs to the job. Cancelled, it keeps nothing and the caller still owns the area.</summary>
        public ConversionJob Add(WorkArea area, string fileName, KeptResult kept, ResultChoice choice, int previewSize, CancellationToken cancellationToken)
        {
            MakeRoom(KeptBytes(kept.Width, kept.Height), fileName);
            var job = new ConversionJob(_replica == null ? NewId() : $"{_replica}-{NewId()}", area, fileName, kept, choice, previewSize, cancellationToken);
            // The cache refuses an entry that does not fit; make room first, as its own compaction would later.
            if (_jobs.Count >= MaxJobs)
                _jobs.Compact((double)(_jobs.Count - MaxJobs + 1) / _jobs.Count);
            var entry = new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = IdleLifetime };
            entry.RegisterPostEvictionCallback((key, value, _, _) =>
            {
                ((ConversionJob)value!).Dispose();
                Forget((string)key);
            });
            var bytes = DiskSpace.Used(area.Path);
            _onDisk[job.Id] = (bytes, Interlocked.Increment(ref _added));
            Interlocked.Add(ref _diskBytes, bytes);
            _jobs.Set(job.Id, job, entry);
            _resident.Enqueue(job);
            while (_resident.Count > _residentLimit && _resident.TryDequeue(out var oldest))
                oldest.Release();
            return job;
        }

        /// <summary>
        /// Removes every result unused for <see cref="IdleLifetime"/> and deletes its files. The cache itself looks
        /// for expired entries only when it is used; <see cref="JobExpiry"/> calls this on a timer, so an idle
        /// server lets go of old photos too.
        /// </summary>
        public void RemoveExpired() => _jobs.Compact(0);

        public bool TryGet(string? id, out ConversionJob job)
        {
            job = null!;
            return id != null && _jobs.TryGetValue(id, out job!);
        }

        /// <summary>Gets the replica a job id names when it is not this one (the result lives, or lived, there); null otherwise.</summary>
        public string? OtherReplica(string? id)
        {
            var dash = id?.IndexOf('-', StringComparison.Ordinal) ?? -1;
            var replica = dash > 0 ? id!.Substring(0, dash) : null;
            return replica != null && replica != _replica ? replica : null;
        }

        /// <summary>Forgets a job and deletes its files now (the cache's own eviction callback runs later, and finds nothing left).</summary>
        public bool Remove(string id)
        {
            if (!TryGet(id, out var job))
                return false;
            _jobs.Remove(id);
            job.Dispose();
            Forget(id);
            return true;
        }

        /// <summary>Takes a removed job's bytes off the disk count, once, whichever way it went.</summary>
        private void Forget(string id)
        {
            if (_onDisk.TryRemove(id, out var kept))
                Interlocked.Add(ref _diskBytes, -kept.Bytes);
        }

        private static long Megabytes(long bytes) => (bytes + 1048575) / 1048576;

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            AppDomain.CurrentDomain.ProcessExit -= RemoveAtExit;
            // The cache runs its eviction callbacks later, on the thread pool; deleting each job's files here first
            // keeps them from racing the removal of the root below (which would leave the root behind).
            foreach (var key in _jobs.Keys)
            {
                if (_jobs.TryGetValue(key, out var value) && value is ConversionJob job)
                    job.Dispose();
            }

            _jobs.Compact(1.0);
            _jobs.Dispose();
            new WorkArea(Root).Dispose();
        }

        /// <summary>
        /// This user's folder for servers' temporary files, in the system's temporary folder (TMPDIR on Linux and
        /// macOS): private, and apart from other users' servers, so no user can see or squat on another's.
        /// </summary>
        private static string UserRoot()
        {
            var root = Path.Combine(Path.GetTempPath(), "animegan-serve-" + Environment.UserName);
            try
            {
                PrivateFiles.CreateFolder(root);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
            {
                // A folder that exists belongs to another user; one that cannot be made is a temporary folder that
                // cannot be written (a read-only root file system with no volume at /tmp).
                var why = Directory.Exists(root)
                    ? "it belongs to another user, or its permissions are not this user's alone"
                    : $"the temporary folder {Path.GetTempPath()} cannot be written; give the server a writable one (TMPDIR, or in a container a volume at /tmp)";
                throw new IOException($"{root}: cannot make the server's private folder for uploads: {why}.", ex);
            }

            return root;
        }

        private void RemoveAtExit(object? sender, EventArgs e) => Dispose();

        private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

        /// <summary>How a root's name begins: the owning server's process id and start time (Unix seconds).</summary>
        private static string OwnerPrefix(int processId, long startedAt) => string.Create(CultureInfo.InvariantCulture, $"{processId}-{startedAt}-");

        /// <summary>A process's start time in Unix seconds, as every process reads it for the same process.</summary>
        private static long StartedAt(Process process) => new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();

        /// <summary>
        /// Removes the roots (with every upload and result in them) of servers of this user that are no longer
        /// running: their process is gone, or its id now belongs to a process started at another time. Roots of
        /// running servers stay; a root whose name says no owner (left by an older version) goes once it has not
        /// been written for a day.
        /// </summary>
        private static int RemoveRootsOfServersThatAreGone(string userRoot)
        {
            var removed = 0;
            foreach (var root in Directory.EnumerateDirectories(userRoot))
            {
                var parts = Path.GetFileName(root).Split('-');
                var owned = parts.Length == 3
                    && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
                    && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var startedAt)
                    ? IsRunning(processId, startedAt)
                    : Directory.GetLastWriteTimeUtc(root) > DateTime.UtcNow.AddDays(-1);
                if (owned)
                    continue;
                new WorkArea(root).Dispose();
                if (!Directory.Exists(root))
                    removed++;
            }

            return removed;
        }

        private static bool IsRunning(int processId, long startedAt)
        {
            try
            {
                using var process = Process.GetProcessById(processId);
                return !process.HasExited && Math.Abs(StartedAt(process) - startedAt) <= 2;
            }
            catch (ArgumentException)
            {
                return false; // no such process
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is System.ComponentModel.Win32Exception || ex is NotSupportedException)
            {
                return true; // cannot tell: leave it
            }
        }
    }
}
