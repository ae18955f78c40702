namespace AnimeGan.PaintDotNet.PackageCheck
{
    /// <summary>
    /// Which Paint.NET assembly each public type lives in, from the official API reference's pages
    /// (ReferenceAssemblies/official/type-assemblies-5.1.9.tsv). A plugin whose type reference names another
    /// assembly than this one fails to load in Paint.NET, whatever its source looks like.
    /// </summary>
    internal sealed class PaintDotNetTypeTable
    {
        private readonly Dictionary<string, string> _assemblyOfPage;

        private PaintDotNetTypeTable(Dictionary<string, string> assemblyOfPage)
        {
            _assemblyOfPage = assemblyOfPage;
            AssemblyNames = new HashSet<string>(assemblyOfPage.Values, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Gets the simple names of Paint.NET's assemblies that the reference names.</summary>
        public IReadOnlySet<string> AssemblyNames { get; }

        /// <summary>Reads the table: a page id and an assembly file name per line, tab-separated.</summary>
        public static PaintDotNetTypeTable Read(string path)
        {
            var assemblyOfPage = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(path))
            {
                var fields = line.Split('\t');
                if (fields.Length != 2 || !fields[1].EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    throw new InvalidDataException($"{path}: '{line}' is not a page id and an assembly file name separated by a tab.");
                assemblyOfPage[fields[0]] = fields[1][..^".dll".Length];
            }

            return new PaintDotNetTypeTable(assemblyOfPage);
        }

        /// <summary>
        /// The assembly the reference puts a type in, by its full name as metadata writes it (generic arity
        /// after a backtick, nested types after a dot), or null when the reference has no such type.
        /// </summary>
        public string? AssemblyOf(string fullTypeName)
            => _assemblyOfPage.TryGetValue(fullTypeName.Replace('`', '-'), out var assembly) ? assembly : null;
    }
}
