using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.Loader;
using System.Xml.Linq;

// Usage: AnimeGan.PowerShell.HelpBuilder <module folder> <help-source.xml> <output MAML>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: AnimeGan.PowerShell.HelpBuilder <module folder> <help-source.xml> <output MAML>");
    return 2;
}

var (moduleFolder, sourcePath, outputPath) = (Path.GetFullPath(args[0]), args[1], args[2]);
var dependencies = Path.Combine(moduleFolder, "dependencies");
AssemblyLoadContext.Default.Resolving += (context, name) =>
{
    var candidate = Path.Combine(dependencies, name.Name + ".dll");
    return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
};

var module = Assembly.LoadFrom(Path.Combine(moduleFolder, "AnimeGan.PowerShell.dll"));
var cmdlets = module.GetExportedTypes().Where(t => t.GetCustomAttribute<CmdletAttribute>() != null && !t.IsAbstract).ToList();
var state = InitialSessionState.CreateDefault2();
foreach (var type in cmdlets)
{
    var attribute = type.GetCustomAttribute<CmdletAttribute>()!;
    state.Commands.Add(new SessionStateCmdletEntry($"{attribute.VerbName}-{attribute.NounName}", type, null));
}

using var runspace = RunspaceFactory.CreateRunspace(state);
runspace.Open();
var source = XDocument.Load(sourcePath);
var help = HelpWriter.Write(runspace, cmdlets, source);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
help.Save(outputPath);
Console.WriteLine($"Help for {cmdlets.Count} cmdlets written to {outputPath}");
return 0;

/// <summary>Builds MAML: structure from PowerShell's view of each cmdlet, words from the hand-written source.</summary>
internal static class HelpWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    // -Verbose, -ErrorAction ... are shown as [<CommonParameters>]; -WhatIf and -Confirm are listed.
    private static readonly HashSet<string> Common = new HashSet<string>(Cmdlet.CommonParameters, StringComparer.OrdinalIgnoreCase);

    public static XDocument Write(Runspace runspace, IEnumerable<Type> cmdlets, XDocument source)
    {
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
        foreach (var type in cmdlets)
        {
            var attribute = type.GetCustomAttribute<CmdletAttribute>()!;
            var name = $"{attribute.VerbName}-{attribute.NounName}";
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            var info = (CmdletInfo)shell.AddCommand("Get-Command").AddArgument(name).Invoke()[0].BaseObject;
            var prose = source.Descendants(Command + "command").SingleOrDefault(c => (string?)c.Element(Command + "details")?.Element(Command + "name") == name)
                ?? throw new InvalidOperationException($"help-source.xml has no entry for {name}.");
            root.Add(CommandHelp(info, attribute, prose));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    private static XElement CommandHelp(CmdletInfo info, CmdletAttribute attribute, XElement prose)
    {
        var parameters = info.ParameterSets.SelectMany(s => s.Parameters).Where(p => !Common.Contains(p.Name)).GroupBy(p => p.Name).Select(g => g.First()).ToList();
        var described = prose.Element(Command + "parameters")?.Elements(Command + "parameter").ToDictionary(p => (string)p.Element(Maml + "name")!, StringComparer.OrdinalIgnoreCase)
            ?? new Dictionary<string, XElement>(StringComparer.OrdinalIgnoreCase);
        var missing = parameters.Select(p => p.Name).Where(n => !described.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"help-source.xml does not describe {info.Name}'s parameters: {string.Join(", ", missing)}.");

        var links = new XElement(Command + "relatedLinks");
        if (!string.IsNullOrEmpty(attribute.HelpUri))
            links.Add(new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", "Online Version:"), new XElement(Maml + "uri", attribute.HelpUri)));
        foreach (var link in prose.Element(Command + "relatedLinks")?.Elements() ?? Enumerable.Empty<XElement>())
            links.Add(link);

        return new XElement(
            Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            prose.Element(Command + "details"),
            prose.Element(Maml + "description"),
            new XElement(Command + "syntax", info.ParameterSets.OrderByDescending(s => s.IsDefault).Select(s => SyntaxItem(info.Name, s))),
            new XElement(Command + "parameters", parameters.Select(p => Parameter(p, info, described[p.Name]))),
            prose.Element(Command + "inputTypes"),
            prose.Element(Command + "returnValues"),
            prose.Element(Command + "examples"),
            links);
    }

    private static XElement SyntaxItem(string name, CommandParameterSetInfo set)
        => new XElement(
            Command + "syntaxItem",
            new XElement(Maml + "name", name),
            set.Parameters.Where(p => !Common.Contains(p.Name)).OrderBy(p => p.Position < 0 ? int.MaxValue : p.Position).ThenBy(p => !p.IsMandatory).Select(p =>
            {
                var element = new XElement(
                    Command + "parameter",
                    new XAttribute("required", p.IsMandatory ? "true" : "false"),
                    new XAttribute("position", p.Position < 0 ? "named" : p.Position.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new XElement(Maml + "name", p.Name));
                if (p.ParameterType != typeof(SwitchParameter))
                    element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), TypeName(p.ParameterType)));
                return element;
            }));

    private static XElement Parameter(CommandParameterInfo parameter, CmdletInfo info, XElement prose)
    {
        var sets = info.ParameterSets.Select(s => s.Parameters.FirstOrDefault(p => p.Name == parameter.Name)).Where(p => p != null).ToList();
        var pipeline = new List<string>();
        if (sets.Any(p => p!.ValueFromPipeline))
            pipeline.Add("ByValue");
        if (sets.Any(p => p!.ValueFromPipelineByPropertyName))
            pipeline.Add("ByPropertyName");
        var globbing = info.ImplementingType.GetProperty(parameter.Name)?.GetCustomAttribute<SupportsWildcardsAttribute>() != null;
        var element = new XElement(
            Command + "parameter",
            new XAttribute("required", sets.All(p => p!.IsMandatory) ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", globbing ? "true" : "false"),
            new XAttribute("pipelineInput", pipeline.Count == 0 ? "False" : $"True ({string.Join(", ", pipeline)})"),
            new XAttribute("position", parameter.Position < 0 ? "named" : parameter.Position.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            prose.Element(Maml + "description"));
        if (parameter.ParameterType != typeof(SwitchParameter))
            element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), TypeName(parameter.ParameterType)));
        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", TypeName(parameter.ParameterType))));
        element.Add(new XElement(Dev + "defaultValue", (string?)prose.Element(Dev + "defaultValue") ?? "None"));
        return element;
    }

    private static string TypeName(Type type)
        => type.IsArray ? TypeName(type.GetElementType()!) + "[]" : type.Name;
}
