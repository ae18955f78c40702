using System;
using System.IO;
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
            _initialized = true;
            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
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

        /// <summary>
        /// .NET Framework looks for native libraries beside the host program, not the module; loading them
        /// once by full path makes later lookups by name find them.
        /// </summary>
        private static void PreloadWindowsNatives()
        {
            var arch = Environment.Is64BitProcess ? "win-x64" : "win-x86";
            var native = Path.Combine(DependencyFolder, "runtimes", arch, "native");
            foreach (var file in new[] { "onnxruntime.dll", "onnxruntime_providers_shared.dll", Environment.Is64BitProcess ? "Magick.Native-Q8-x64.dll" : "Magick.Native-Q8-x86.dll" })
            {
                var path = Path.Combine(native, file);
                if (File.Exists(path))
                    LoadLibrary(path);
            }
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibrary(string path);
    }
}
