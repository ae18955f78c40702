using System.IO.Compression;
using System.Reflection;

namespace AnimeGan.PaintDotNet.Tests
{
    /// <summary>
    /// The shim may only mirror Paint.NET: every public or protected type and member it declares must exist in
    /// the official 5.1.9 reference (shared/paintdotnet/api-5.1.9-uids.txt.gz), and its whole surface, with
    /// return types, must equal the checked-in PaintDotNetEffect/PaintDotNet.Shim/ExpectedSurface.txt.
    /// </summary>
    public class ShimSurfaceTests
    {
        private static readonly Assembly Shim = typeof(global::PaintDotNet.Effects.PropertyBasedBitmapEffect).Assembly;

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
            // The test only reads the list (it used to be able to regenerate it from the shim itself): a change
            // to the shim's surface fails here until a person edits the list against the reference.
            var actual = Surface().Select(s => s.Signature).OrderBy(s => s, StringComparer.Ordinal).ToList();
            var path = Path.Combine(AppContext.BaseDirectory, "ExpectedSurface.txt");
            var expected = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal)).ToList();
            Assert.Equal(expected, actual);
        }

        private static IEnumerable<string> ReadOfficialIds()
        {
            using var file = File.OpenRead(Path.Combine(TestFiles.Shared, "paintdotnet", "api-5.1.9-uids.txt.gz"));
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            string? line;
            while ((line = reader.ReadLine()) != null)
                yield return line.Trim();
        }

        internal static IEnumerable<(string Id, string Signature)> Surface()
        {
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var type in Shim.GetTypes().Where(t => IsVisible(t)))
            {
                var typeId = TypeId(type);
                yield return (typeId, $"type {typeId}");
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
