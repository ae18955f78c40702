using AnimeGan.PaintDotNet.PackageCheck;

// Usage: AnimeGan.PaintDotNet.PackageCheck <plugin folder> <type-assemblies tsv>
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: AnimeGan.PaintDotNet.PackageCheck <plugin folder> <type-assemblies-5.1.9.tsv>");
    return 2;
}

var problems = PluginReferences.Problems(args[0], PaintDotNetTypeTable.Read(args[1]), PluginReferences.DotNetAssemblies());
foreach (var problem in problems)
    Console.Error.WriteLine("error: " + problem);
if (problems.Count == 0)
    Console.WriteLine($"{args[0]}: every reference binds in Paint.NET (its own assemblies, Paint.NET's, .NET's).");
return problems.Count == 0 ? 0 : 1;
