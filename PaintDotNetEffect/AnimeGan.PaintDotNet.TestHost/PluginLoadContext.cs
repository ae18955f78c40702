using System.Reflection;
using System.Runtime.Loader;

namespace AnimeGan.PaintDotNet.TestHost
{
    /// <summary>
    /// Loads a plugin the way Paint.NET does: a load context of its own, resolving the plugin's dependencies
    /// (managed and native) through an AssemblyDependencyResolver on the plugin DLL, that is through its
    /// .deps.json. Whatever the plugin's folder does not provide (Paint.NET's own assemblies, here the stand-ins)
    /// comes from the host, so the effect's base types are the host's.
    /// </summary>
    public sealed class PluginLoadContext : AssemblyLoadContext
    {
        public PluginLoadContext(string pluginPath)
            : base("AnimeGan plugin", isCollectible: false)
            => Resolver = new AssemblyDependencyResolver(pluginPath);

        public AssemblyDependencyResolver Resolver { get; }

        protected override Assembly? Load(AssemblyName assemblyName)
            => Resolver.ResolveAssemblyToPath(assemblyName) is string path ? LoadFromAssemblyPath(path) : null;

        protected override System.IntPtr LoadUnmanagedDll(string unmanagedDllName)
            => Resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is string path ? LoadUnmanagedDllFromPath(path) : System.IntPtr.Zero;
    }
}
