namespace AnimeGan.Core.Batches
{
    /// <summary>
    /// The memory that conversions running at once may hold, and the engine's estimate of what one conversion
    /// needs, so that a caller converting several photos for others (a server) admits one only when its peak
    /// fits: a picture small on disk can need gigabytes once decoded and run at a large working size.
    /// </summary>
    /// <remarks>
    /// The estimate is the decoded photo's cost per pixel (its pixels, the blended result and the encoder's
    /// copy) plus the model's per working pixel (its tensors and ONNX Runtime's arena), measured as the peak
    /// working set of `animegan convert` at 1 to 24 megapixels and working sizes 1024 to 3000
    /// (docs/performance.md), and rounded up. AnimeGANv2's generator keeps wider activations than
    /// AnimeGANv3's, so it costs more per working pixel.
    /// </remarks>
    public sealed class MemoryBudget
    {
        /// <summary>The bytes a conversion holds per pixel of the photo.</summary>
        public const long BytesPerPhotoPixel = 20;

        /// <summary>The bytes a conversion holds per pixel of the picture an AnimeGANv3 model runs on.</summary>
        public const long BytesPerWorkingPixel = 1300;

        /// <summary>The bytes a conversion holds per pixel of the picture an AnimeGANv2 model runs on.</summary>
        public const long BytesPerWorkingPixelAnimeGanV2 = 2000;

        /// <summary>The bytes a conversion at a given working size is allowed by default, per conversion slot.</summary>
        public const long DefaultBytesPerJob = 4L << 30;

        private readonly object _gate = new object();
        private long _reserved;

        /// <param name="totalBytes">What all conversions together may hold.</param>
        public MemoryBudget(long totalBytes)
        {
            if (totalBytes < 1)
                throw new ArgumentOutOfRangeException(nameof(totalBytes), totalBytes, "Must be positive.");
            TotalBytes = totalBytes;
        }

        /// <summary>Gets what all conversions together may hold.</summary>
        public long TotalBytes { get; }

        /// <summary>Gets what the conversions admitted now are expected to hold.</summary>
        public long ReservedBytes
        {
            get
            {
                lock (_gate)
                    return _reserved;
            }
        }

        /// <summary>
        /// The default budget for <paramref name="jobs"/> conversions at once: <see cref="DefaultBytesPerJob"/> each,
        /// but never more than 60% of <paramref name="availableBytes"/>, the memory the process may use (a
        /// container's limit included), so the machine keeps room for itself.
        /// </summary>
        public static long DefaultBytes(int jobs, long availableBytes)
            => Math.Max(1, Math.Min(Math.Max(1, jobs) * DefaultBytesPerJob, availableBytes / 10 * 6));

        /// <summary>
        /// The default budget here: in a container (a cgroup memory limit), the limit less what the process keeps
        /// for itself (<see cref="ContainerMemory.RuntimeReserveBytes"/>), since the container is the server's alone;
        /// elsewhere <see cref="DefaultBytes(int, long)"/> of the memory .NET may use, so the machine keeps room.
        /// </summary>
        /// <param name="jobs">Conversions at once.</param>
        /// <param name="cgroupLimitBytes">The cgroup's limit (<see cref="ContainerMemory.LimitBytes"/>); null for none.</param>
        /// <param name="availableBytes">What .NET says the process may use.</param>
        public static long DefaultBytes(int jobs, long? cgroupLimitBytes, long availableBytes)
            => cgroupLimitBytes is long limit
                ? Math.Max(1, Math.Min(Math.Max(1, jobs) * DefaultBytesPerJob, limit - ContainerMemory.RuntimeReserveBytes))
                : DefaultBytes(jobs, availableBytes);

        /// <summary>
        /// The peak a conversion of a <paramref name="width"/> x <paramref name="height"/> photo at working size
        /// <paramref name="maxSize"/> with <paramref name="style"/> is expected to add.
        /// </summary>
        public static long EstimateBytes(int width, int height, int maxSize, ModelEntry style)
            => EstimateBytes(width, height, maxSize, style, frames: 1);

        /// <summary>
        /// The peak of an animation of <paramref name="frames"/> frames: one frame's conversion plus every frame
        /// held twice while it is converted (the frames read and the frames made, 4 bytes a pixel each).
        /// </summary>
        public static long EstimateBytes(int width, int height, int maxSize, ModelEntry style, int frames)
        {
            var held = frames > 1 ? (long)width * height * frames * BytesPerAnimationPixel : 0;
            return OneFrameBytes(width, height, maxSize, style) + held;
        }

        /// <summary>Bytes an animation holds per pixel of each frame: its frames read and its frames made, RGBA at 8 bits.</summary>
        private const long BytesPerAnimationPixel = 8;

        private static long OneFrameBytes(int width, int height, int maxSize, ModelEntry style)
        {
            Throw.IfNull(style);
            var (workWidth, workHeight) = WorkingSize.Choose(width, height, maxSize, 1);
            var perWorkingPixel = string.Equals(style.Family, "AnimeGANv2", StringComparison.OrdinalIgnoreCase) ? BytesPerWorkingPixelAnimeGanV2 : BytesPerWorkingPixel;
            return ((long)width * height * BytesPerPhotoPixel) + ((long)workWidth * workHeight * perWorkingPixel);
        }

        /// <summary>Whether a conversion needing <paramref name="bytes"/> could ever be admitted, with nothing else running.</summary>
        public bool Fits(long bytes) => bytes <= TotalBytes;

        /// <summary>
        /// Reserves <paramref name="bytes"/> for one conversion until the returned handle is disposed; null when
        /// what is reserved already leaves too little (try again once a conversion ends).
        /// </summary>
        public IDisposable? TryReserve(long bytes)
        {
            lock (_gate)
            {
                if (_reserved + bytes > TotalBytes)
                    return null;
                _reserved += bytes;
            }

            return new Reservation(this, bytes);
        }

        private void Release(long bytes)
        {
            lock (_gate)
                _reserved -= bytes;
        }

        private sealed class Reservation : IDisposable
        {
            private MemoryBudget? _budget;
            private readonly long _bytes;

            public Reservation(MemoryBudget budget, long bytes)
            {
                _budget = budget;
                _bytes = bytes;
            }

            public void Dispose() => Interlocked.Exchange(ref _budget, null)?.Release(_bytes);
        }
    }
}
