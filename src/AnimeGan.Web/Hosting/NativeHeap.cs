using System.Runtime.InteropServices;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// The C library's heap under a long-running server. glibc gives every thread that allocates its own heap
    /// arena (up to eight per core), and the native allocations of a conversion (ImageMagick's, ONNX Runtime's
    /// outside its own arena) land in whichever arena its thread has; freed, they stay in those arenas, so an
    /// idle server grew by about 190 MB over 20 conversions of a 24 MP photo. Two arenas keep it flat
    /// (docs/performance.md). This is glibc's own setting (<c>mallopt(M_ARENA_MAX)</c>, as the
    /// <c>MALLOC_ARENA_MAX</c> environment variable sets it); elsewhere nothing changes.
    /// </summary>
    internal static partial class NativeHeap
    {
        /// <summary>glibc's <c>M_ARENA_MAX</c> parameter of <c>mallopt</c> (malloc.h).</summary>
        private const int ArenaMaxParameter = -8;

        /// <summary>The arenas a server keeps: one for the request threads and one for a conversion, which share them well.</summary>
        public const int ServerArenas = 2;

        /// <summary>Limits glibc's heap arenas, on Linux with glibc; does nothing elsewhere (macOS, Windows, musl).</summary>
        public static void LimitArenas()
        {
            if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") != null)
                return;
            try
            {
                _ = SetOption(ArenaMaxParameter, ServerArenas);
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException || ex is DllNotFoundException)
            {
                // Not glibc: its allocator has no such setting.
            }
        }

        [LibraryImport("libc", EntryPoint = "mallopt")]
        private static partial int SetOption(int parameter, int value);
    }
}
