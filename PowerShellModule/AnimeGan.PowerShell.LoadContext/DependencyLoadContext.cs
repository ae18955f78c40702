using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace AnimeGan.PowerShell.LoadContext
{
    /// <summary>
    /// Loads everything in the module's <c>dependencies</c> folder, managed and native, into one private
    /// context. Only the engine assembly is handed to the default context (when the cmdlets first touch
    /// it); everything it needs is then found here first, whatever other modules have loaded.
    /// </summary>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly object Gate = new object();
        private static DependencyLoadContext? _instance;
        private readonly string _folder;
        private readonly string[] _nativeFolders;

        private DependencyLoadContext(string folder)
            : base("AnimeGan", isCollectible: false)
        {
            _folder = folder;
            _nativeFolders = NativeFolders(folder);

            // Framework polyfills were deferred to the runtime in Load; if the runtime lacks one, use ours.
            Resolving += (_, name) => LoadFromFolder(name);
        }

        /// <summary>
        /// Hooks the default context so requests for the engine (<paramref name="entryAssemblies"/>) are
        /// served from <paramref name="dependencyFolder"/> through the private context. Safe to call twice.
        /// </summary>
        public static void Register(string dependencyFolder, string[] entryAssemblies)
        {
            lock (Gate)
            {
                if (_instance != null)
                    return;
                var context = new DependencyLoadContext(dependencyFolder);
                var entries = new HashSet<string>(entryAssemblies, StringComparer.OrdinalIgnoreCase);
                Default.Resolving += (_, name) => name.Name != null && entries.Contains(name.Name) ? context.LoadFromFolder(name) : null;
                _instance = context;
            }
        }

        /// <inheritdoc />
        protected override Assembly? Load(AssemblyName assemblyName)
            => IsFrameworkAssembly(assemblyName) ? null : LoadFromFolder(assemblyName);

        /// <summary>
        /// The System.* and Microsoft.Bcl.* packages are polyfills for older frameworks; on PowerShell 7 the
        /// runtime's own versions must be used, or Span and Task types would not match the runtime's.
        /// </summary>
        private static bool IsFrameworkAssembly(AssemblyName name)
        {
            var simple = name.Name ?? "";
            return simple.StartsWith("System.", StringComparison.Ordinal)
                || simple.StartsWith("Microsoft.Bcl.", StringComparison.Ordinal)
                || simple == "netstandard"
                || simple == "mscorlib";
        }

        /// <inheritdoc />
        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            foreach (var folder in _nativeFolders)
            {
                foreach (var candidate in Candidates(unmanagedDllName))
                {
                    var path = Path.Combine(folder, candidate);
                    if (File.Exists(path))
                        return LoadUnmanagedDllFromPath(path);
                }
            }

            return IntPtr.Zero;
        }

        private Assembly? LoadFromFolder(AssemblyName name)
        {
            var path = Path.Combine(_folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        private static IEnumerable<string> Candidates(string name)
        {
            yield return name;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                yield return name + ".dll";
            }
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                yield return name + ".dylib";
                yield return "lib" + name + ".dylib";
            }
            else
            {
                yield return name + ".so";
                yield return "lib" + name + ".so";
            }
        }

        private static string[] NativeFolders(string folder)
        {
            var rid = RuntimeInformation.RuntimeIdentifier;
            var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
            return new[]
            {
                Path.Combine(folder, "runtimes", rid, "native"),
                Path.Combine(folder, "runtimes", $"{os}-{arch}", "native"),
                folder,
            };
        }
    }
}
