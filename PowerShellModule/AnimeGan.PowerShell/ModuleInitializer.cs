using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AnimeGan.PowerShell
{
    /// <summary>
    /// Runs when the module is imported: makes the engine and its dependencies load from the module's own
    /// <c>dependencies</c> folder, whatever the current directory, and isolated from other modules on
    /// PowerShell 7 (a private AssemblyLoadContext).
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
        private static readonly string DependencyFolder = Path.Combine(ModuleFolder, "dependencies");
        private static bool _initialized;

        /// <summary>Gets whether the engine lives in the module's private load context (PowerShell 7).</summary>
        public static bool IsIsolated { get; private set; }

        /// <inheritdoc />
        public void OnImport()
        {
            if (_initialized)
                return;
            var isFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
            if (!isFramework && Environment.Version.Major < 8)
            {
                // The private load context is built for .NET 8, which PowerShell 7.4 and later run on.
                throw new PlatformNotSupportedException(
                    $"The AnimeGan module needs PowerShell 7.4 or later (or Windows PowerShell 5.1); this is {RuntimeInformation.FrameworkDescription}. Update PowerShell: https://aka.ms/powershell");
            }

            NativeFolder = ShippedNativeFolder();
            _initialized = true;
            if (isFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
                PreloadWindowsNatives();
            }
            else
            {
                var loadContext = Assembly.LoadFrom(Path.Combine(ModuleFolder, "AnimeGan.PowerShell.LoadContext.dll"));
                loadContext.GetType("AnimeGan.PowerShell.LoadContext.DependencyLoadContext", throwOnError: true)!
                    .GetMethod("Register", BindingFlags.Public | BindingFlags.Static)!
                    .Invoke(null, new object[] { DependencyFolder, new[] { "AnimeGan.Core" } });
                IsIsolated = true;
            }
        }

        private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
        {
            var path = Path.Combine(DependencyFolder, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        /// <summary>Gets the folder of native libraries for this process's operating system and architecture.</summary>
        public static string NativeFolder { get; private set; } = "";

        /// <summary>
        /// The shipped native folder for this process (win-x64, win-arm64, linux-x64 or osx-arm64), chosen by
        /// the process's architecture, not its bitness: 64-bit PowerShell on ARM64 Windows needs arm64 natives.
        /// </summary>
        /// <exception cref="PlatformNotSupportedException">The module ships no natives for this platform.</exception>
        private static string ShippedNativeFolder()
        {
            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
            var rid = os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            var folder = Path.Combine(DependencyFolder, "runtimes", rid, "native");
            if (!Directory.Exists(folder))
            {
                var shipped = Directory.Exists(Path.Combine(DependencyFolder, "runtimes"))
                    ? string.Join(", ", Directory.GetDirectories(Path.Combine(DependencyFolder, "runtimes")).Select(Path.GetFileName))
                    : "none";
                throw new PlatformNotSupportedException($"The AnimeGan module has no native libraries for {rid} (a {RuntimeInformation.ProcessArchitecture} process on {RuntimeInformation.OSDescription}); it ships {shipped}.");
            }

            return folder;
        }

        /// <summary>
        /// .NET Framework looks for native libraries beside the host program, not the module; loading them
        /// once by full path makes later lookups by name find them.
        /// </summary>
        private static void PreloadWindowsNatives()
        {
            foreach (var path in Directory.GetFiles(NativeFolder, "*.dll"))
                LoadLibrary(path);
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibrary(string path);
    }
}
