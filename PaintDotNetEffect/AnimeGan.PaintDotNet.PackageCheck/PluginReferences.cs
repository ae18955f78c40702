using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace AnimeGan.PaintDotNet.PackageCheck
{
    /// <summary>
    /// What the managed assemblies of a plugin folder reference, checked against what exists where Paint.NET
    /// runs: the folder's own assemblies, Paint.NET's assemblies (each Paint.NET type in the assembly the
    /// official reference names) and .NET's. Anything else is a reference Paint.NET's loader cannot satisfy.
    /// </summary>
    internal static class PluginReferences
    {
        /// <summary>
        /// Assemblies of the Windows Desktop runtime that Paint.NET runs on, beyond .NET's own
        /// (Microsoft.WindowsDesktop.App's FrameworkList.xml lists System.Drawing.Common).
        /// </summary>
        public static readonly IReadOnlyList<string> WindowsDesktopAssemblies = new[] { "System.Drawing.Common" };

        /// <summary>Gets the simple names of the .NET runtime's own assemblies (Microsoft.NETCore.App, the one this check runs on).</summary>
        public static IReadOnlySet<string> DotNetAssemblies()
            => Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
                .Select(Path.GetFileNameWithoutExtension)
                .Concat(WindowsDesktopAssemblies)
                .ToHashSet(StringComparer.OrdinalIgnoreCase)!;

        /// <summary>Every problem found in the managed assemblies at the top of <paramref name="pluginFolder"/>; empty when it would bind.</summary>
        public static IReadOnlyList<string> Problems(string pluginFolder, PaintDotNetTypeTable paintDotNet, IReadOnlySet<string> dotNet)
        {
            var shipped = ManagedAssemblies(pluginFolder).ToDictionary(a => a.Name, a => a.Path, StringComparer.OrdinalIgnoreCase);
            var problems = new List<string>();
            if (shipped.Count == 0)
                problems.Add($"{pluginFolder}: no managed assembly to check.");
            foreach (var (name, path) in shipped.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                using var stream = File.OpenRead(path);
                using var pe = new PEReader(stream);
                var metadata = pe.GetMetadataReader();
                foreach (var handle in metadata.AssemblyReferences)
                {
                    var reference = metadata.GetString(metadata.GetAssemblyReference(handle).Name);
                    if (paintDotNet.AssemblyNames.Contains(reference) && shipped.ContainsKey(reference))
                        problems.Add($"{name}.dll: the folder carries {reference}.dll, which is Paint.NET's own and must come from Paint.NET.");
                    else if (!shipped.ContainsKey(reference) && !paintDotNet.AssemblyNames.Contains(reference) && !dotNet.Contains(reference))
                        problems.Add($"{name}.dll references the assembly {reference}, which is neither in the plugin folder, nor Paint.NET's, nor .NET's.");
                }

                foreach (var handle in metadata.TypeReferences)
                {
                    var (typeName, scope) = Describe(metadata, handle);
                    if (scope == null)
                        continue;
                    var isPaintDotNetType = typeName == "PaintDotNet" || typeName.StartsWith("PaintDotNet.", StringComparison.Ordinal);
                    if (!isPaintDotNetType && !paintDotNet.AssemblyNames.Contains(scope))
                        continue;
                    var expected = paintDotNet.AssemblyOf(typeName);
                    if (expected == null)
                        problems.Add($"{name}.dll uses {typeName} from {scope}, a type Paint.NET 5.1.9's reference does not have.");
                    else if (!string.Equals(expected, scope, StringComparison.OrdinalIgnoreCase))
                        problems.Add($"{name}.dll looks for {typeName} in {scope}; Paint.NET has it in {expected}.");
                }
            }

            return problems;
        }

        /// <summary>The managed assemblies at the top of the folder (natives under runtimes/ are not read).</summary>
        private static IEnumerable<(string Name, string Path)> ManagedAssemblies(string folder)
        {
            foreach (var path in Directory.GetFiles(folder, "*.dll"))
            {
                using var stream = File.OpenRead(path);
                using var pe = new PEReader(stream);
                if (pe.HasMetadata && pe.GetMetadataReader().IsAssembly)
                    yield return (pe.GetMetadataReader().GetString(pe.GetMetadataReader().GetAssemblyDefinition().Name), path);
            }
        }

        /// <summary>A type reference's full name (outer types first for nested ones) and the assembly it is looked up in, if any.</summary>
        private static (string FullName, string? Assembly) Describe(MetadataReader metadata, TypeReferenceHandle handle)
        {
            var type = metadata.GetTypeReference(handle);
            var name = metadata.GetString(type.Name);
            switch (type.ResolutionScope.Kind)
            {
                case HandleKind.TypeReference:
                    var (outer, assembly) = Describe(metadata, (TypeReferenceHandle)type.ResolutionScope);
                    return (outer + "." + name, assembly);
                case HandleKind.AssemblyReference:
                    var ns = metadata.GetString(type.Namespace);
                    return ((ns.Length > 0 ? ns + "." : "") + name, metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name));
                default:
                    return (name, null);
            }
        }
    }
}
