using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// The server's conversion slots (<see cref="ServeOptions.Jobs"/>, with <see cref="ServeOptions.QueueLimit"/>
    /// waiting), taken only for a conversion, once its upload has been read and checked. A slow upload therefore
    /// holds no slot, and style previews, the page's files and downloads (<see cref="DownloadSlots"/>) never wait
    /// behind conversions.
    /// </summary>
    internal sealed class ConversionSlots : Slots
    {
        public ConversionSlots(ServeOptions options)
            : base(options, "conversion")
        {
            Memory = new MemoryBudget(options.MaxMemoryMegabytes is int megabytes
                ? megabytes * 1048576L
                : MemoryBudget.DefaultBytes(options.Jobs, ContainerMemory.LimitBytes(), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));
        }

        /// <summary>Gets the memory conversions together may hold (<see cref="ServeOptions.MaxMemoryMegabytes"/>).</summary>
        public MemoryBudget Memory { get; }

        /// <summary>
        /// Waits for a slot, then reserves a conversion's estimated memory: the handle to dispose when it ends, or
        /// the answer to send instead (429 when every slot is taken and the queue is full, 503 when the memory
        /// the conversions running now hold leaves too little for this one; both with Retry-After).
        /// </summary>
        public async Task<(IDisposable? Admission, IResult? Refusal)> AdmitAsync(HttpContext http, long estimatedBytes, CancellationToken cancellationToken)
        {
            RateLimitLease slot;
            try
            {
                slot = await TakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
            {
                // The server stopped while this conversion waited in the queue.
                return (null, Problems.RetryLater(http, StatusCodes.Status503ServiceUnavailable, "Stopping", "The server stopped before this conversion could start; send it again."));
            }

            if (!slot.IsAcquired)
            {
                slot.Dispose();
                return (null, Busy(http));
            }

            var memory = Memory.TryReserve(estimatedBytes);
            if (memory == null)
            {
                slot.Dispose();
                return (null, Problems.RetryLater(http, StatusCodes.Status503ServiceUnavailable, "Busy", $"The conversions running now leave too little of this server's memory budget ({Memory.TotalBytes / 1048576} MB) for this picture (about {estimatedBytes / 1048576} MB); try again in a few seconds."));
            }

            return (new Admission(this, slot, memory), null);
        }

        /// <summary>
        /// Called as each conversion ends: when it was the last one running, the managed heap is collected and
        /// compacted and its free memory given back to the system, off the request's thread, so an idle server
        /// holds little (a collection while others run would only pause them).
        /// </summary>
        private void Ended()
        {
            if (Memory.ReservedBytes == 0)
                ThreadPool.QueueUserWorkItem(_ => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true));
        }

        private sealed class Admission : IDisposable
        {
            private readonly ConversionSlots _slots;
            private readonly RateLimitLease _slot;
            private IDisposable? _memory;

            public Admission(ConversionSlots slots, RateLimitLease slot, IDisposable memory)
            {
                _slots = slots;
                _slot = slot;
                _memory = memory;
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _memory, null) is not { } memory)
                    return;
                memory.Dispose();
                _slot.Dispose();
                _slots.Ended();
            }
        }
    }
}
