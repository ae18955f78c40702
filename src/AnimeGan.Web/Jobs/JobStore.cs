using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using AnimeGan.Core.Imaging;
using AnimeGan.Web.Hosting;

namespace AnimeGan.Web.Jobs
{
    /// <summary>
    /// The server's temporary files and kept results. Everything lives under one private root that is removed
    /// at shutdown; results not used for <see cref="IdleLifetime"/> are removed, and at most
    /// <see cref="MaxJobs"/> are kept. Ids are 128 random bits, so one visitor cannot reach another's photos,
    /// and nothing lists them.
    /// </summary>
    internal sealed class JobStore : IDisposable
    {
        public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(30);

        public const int MaxJobs = 500;

        private readonly ConcurrentDictionary<string, ConversionJob> _jobs = new ConcurrentDictionary<string, ConversionJob>(StringComparer.Ordinal);
        private readonly string? _replica;
        private bool _disposed;

        public JobStore(ServeOptions options)
        {
            _replica = options.ReplicaId;
            Root = Path.Combine(Path.GetTempPath(), "animegan-serve", NewId());
            Directory.CreateDirectory(Root);
        }

        /// <summary>Gets the folder that holds every temporary file of this server.</summary>
        public string Root { get; }

        public int Count => _jobs.Count;

        /// <summary>A fresh private folder for one request.</summary>
        public WorkArea CreateArea()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new WorkArea(Path.Combine(Root, NewId()));
        }

        /// <summary>Keeps a converted photo; its area now belongs to the job.</summary>
        public ConversionJob Add(WorkArea area, string fileName, string originalPath, string styledPath, RasterFormat sourceFormat)
        {
            Sweep();
            var job = new ConversionJob(_replica == null ? NewId() : $"{_replica}-{NewId()}", area, fileName, originalPath, styledPath, sourceFormat);
            _jobs[job.Id] = job;
            return job;
        }

        public bool TryGet(string id, out ConversionJob job)
        {
            Sweep();
            if (_jobs.TryGetValue(id, out job!))
            {
                job.Touch();
                return true;
            }

            return false;
        }

        /// <summary>Gets the replica a job id names when it is not this one (the result lives, or lived, there); null otherwise.</summary>
        public string? OtherReplica(string id)
        {
            var dash = id.IndexOf('-', StringComparison.Ordinal);
            var replica = dash > 0 ? id.Substring(0, dash) : null;
            return replica != null && replica != _replica ? replica : null;
        }

        public bool Remove(string id)
        {
            if (!_jobs.TryRemove(id, out var job))
                return false;
            job.Dispose();
            return true;
        }

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var id in _jobs.Keys.ToList())
                Remove(id);
            new WorkArea(Root).Dispose();
        }

        private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

        private void Sweep()
        {
            var now = DateTime.UtcNow;
            foreach (var job in _jobs.Values.Where(j => now - j.LastUsedUtc > IdleLifetime).ToList())
                Remove(job.Id);
            foreach (var job in _jobs.Values.OrderBy(j => j.LastUsedUtc).Take(Math.Max(0, _jobs.Count - MaxJobs + 1)).ToList())
                Remove(job.Id);
        }
    }
}
