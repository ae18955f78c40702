using System.IO.Compression;
using System.Reflection;
using AnimeGan.PaintDotNet.PackageCheck;

namespace AnimeGan.PaintDotNet.Tests
{
    /// <summary>
    /// The Paint.NET stand-ins (PaintDotNetEffect/ReferenceAssemblies) may only mirror Paint.NET: each is named
    /// like one of Paint.NET's DLLs and holds only types the official 5.1.9 reference puts in that DLL
    /// (official/type-assemblies-5.1.9.tsv); every public or protected member exists in the reference
    /// (official/api-5.1.9-uids.txt.gz); and the whole surface, with return types and assemblies, equals the
    /// checked-in ExpectedSurface.txt.
    /// </summary>
    public class TheReferenceAssemblies
    {
        private static readonly string[] StandInNames = { "PaintDotNet.Core", "PaintDotNet.Effects.Core", "PaintDotNet.Primitives", "PaintDotNet.PropertySystem", "PaintDotNet.Windows", "PaintDotNet.Windows.Core" };

        private static readonly PaintDotNetTypeTable Table = PaintDotNetTypeTable.Read(Path.Combine(AppContext.BaseDirectory, "official", "type-assemblies-5.1.9.tsv"));

        /// <summary>Gets the stand-ins the test host runs on: every PaintDotNet.*.dll beside the tests.</summary>
        private static IReadOnlyList<Assembly> StandIns { get; } = Directory.GetFiles(AppContext.BaseDirectory, "PaintDotNet.*.dll")
            .Select(f => Assembly.Load(Path.GetFileNameWithoutExtension(f)))
            .OrderBy(a => a.GetName().Name, StringComparer.Ordinal)
            .ToList();

        [Fact]
        public void ShouldBeOneAssemblyPerPaintDotNetAssemblyTheEffectUsesWithItsExactName()
        {
            Assert.Equal(StandInNames, StandIns.Select(a => a.GetName().Name));
            Assert.All(StandIns, a => Assert.Contains(a.GetName().Name!, Table.AssemblyNames));
        }

        [Fact]
        public void ShouldTakeTheIdentityEveryPaintDotNetReleaseSatisfies()
        {
            // Unsigned (the binder leaves the public key token out of a reference's match) and version 0.0.0.0
            // (the binder takes any version at least the one referenced): see ReferenceAssemblies/Directory.Build.props.
            foreach (var assembly in StandIns)
            {
                var name = assembly.GetName();
                Assert.Equal(new Version(0, 0, 0, 0), name.Version);
                Assert.True(name.GetPublicKeyToken() is null or { Length: 0 }, $"{name.Name} is signed");
                Assert.Equal(string.Empty, name.CultureName);
            }
        }

        [Fact]
        public void ShouldPutEachTypeInTheAssemblyTheOfficialReferenceNames()
        {
            var misplaced = StandIns
                .SelectMany(a => a.GetTypes().Where(IsVisible).Select(t => (Type: t, Assembly: a.GetName().Name!)))
                .Where(x => Table.AssemblyOf(TypeId(x.Type)) != x.Assembly)
                .Select(x => $"{TypeId(x.Type)} is in {x.Assembly}; the reference has it in {Table.AssemblyOf(TypeId(x.Type)) ?? "no assembly"}")
                .ToList();
            Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
        }

        [Fact]
        public void ShouldDeclareOnlyTypesAndMembersOfTheOfficialReference()
        {
            var official = new HashSet<string>(ReadOfficialIds(), StringComparer.Ordinal);
            var unknown = Surface().Select(s => s.Id).Where(id => !official.Contains(id)).ToList();
            Assert.True(unknown.Count == 0, "Not in the Paint.NET 5.1.9 reference:\n" + string.Join("\n", unknown));
        }

        [Fact]
        public void ShouldMatchTheCheckedInSignatures()
        {
            // The test only reads the list: a change to a stand-in's surface fails here until a person edits the
            // list against the reference.
            var actual = Surface().Select(s => s.Signature).OrderBy(s => s, StringComparer.Ordinal).ToList();
            var path = Path.Combine(AppContext.BaseDirectory, "ExpectedSurface.txt");
            var expected = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal)).ToList();
            Assert.Equal(expected, actual);
        }

        private static IEnumerable<string> ReadOfficialIds()
        {
            using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "official", "api-5.1.9-uids.txt.gz"));
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            string? line;
            while ((line = reader.ReadLine()) != null)
                yield return line.Trim();
        }

        internal static IEnumerable<(string Id, string Signature)> Surface()
        {
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var type in StandIns.SelectMany(a => a.GetTypes()).Where(IsVisible))
            {
                var typeId = TypeId(type);
                yield return (typeId, $"type {typeId} in {type.Assembly.GetName().Name}");
                if (type.IsEnum)
                    continue;
                foreach (var member in type.GetMembers(flags))
                {
                    if (member.Name.Contains('<') || member.Name.StartsWith("op_", StringComparison.Ordinal) || member.Name is "EqualityContract" or "PrintMembers" or "Deconstruct")
                        continue;
                    switch (member)
                    {
                        case ConstructorInfo c when IsVisible(c) && !c.IsStatic:
                            yield return Method(typeId, "#ctor", c.GetParameters(), 0, "");
                            break;
                        case MethodInfo m when IsVisible(m) && !m.IsSpecialName:
                            yield return Method(typeId, m.Name, m.GetParameters(), m.IsGenericMethodDefinition ? m.GetGenericArguments().Length : 0, " : " + Name(m.ReturnType));
                            break;
                        case PropertyInfo p when IsVisible(p.GetMethod) || IsVisible(p.SetMethod):
                            var index = p.GetIndexParameters();
                            var id = $"{typeId}.{(index.Length > 0 ? "Item" : p.Name)}{(index.Length > 0 ? "(" + string.Join(",", index.Select(i => Name(i.ParameterType))) + ")" : "")}";
                            yield return (id, $"property {id} : {Name(p.PropertyType)}{(IsVisible(p.SetMethod) ? " { set; }" : "")}");
                            break;
                        case FieldInfo f when IsVisible(f):
                            yield return ($"{typeId}.{f.Name}", $"field {typeId}.{f.Name} : {Name(f.FieldType)}");
                            break;
                    }
                }
            }
        }

        private static (string, string) Method(string typeId, string name, ParameterInfo[] parameters, int genericArity, string returns)
        {
            var id = typeId + "." + name + (genericArity > 0 ? "``" + genericArity : "") + (parameters.Length > 0 ? "(" + string.Join(",", parameters.Select(p => Name(p.ParameterType))) + ")" : "");
            return (id, $"method {id}{returns}");
        }

        private static bool IsVisible(Type type) => type.IsPublic || (type.IsNestedPublic && IsVisible(type.DeclaringType!)) || (type.IsNestedFamily && IsVisible(type.DeclaringType!));

        private static bool IsVisible(MethodBase? method) => method != null && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly);

        private static bool IsVisible(FieldInfo field) => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly;

        private static string TypeId(Type type) => (type.DeclaringType != null ? TypeId(type.DeclaringType) + "." : type.Namespace + ".") + type.Name;

        private static string Name(Type type)
        {
            if (type.IsByRef)
                return Name(type.GetElementType()!) + "@";
            if (type.IsPointer)
                return Name(type.GetElementType()!) + "*";
            if (type.IsArray)
                return Name(type.GetElementType()!) + "[]";
            if (type.IsGenericParameter)
                return (type.DeclaringMethod != null ? "``" : "`") + type.GenericParameterPosition;
            if (type.IsGenericType)
            {
                var definition = type.GetGenericTypeDefinition();
                var baseName = definition.FullName!.Substring(0, definition.FullName.IndexOf('`'));
                return baseName + "{" + string.Join(",", type.GetGenericArguments().Select(Name)) + "}";
            }

            return type.FullName ?? type.Name;
        }
    }
}
