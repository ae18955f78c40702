using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using AnimeGan.Tests;

namespace AnimeGan.PowerShell.Tests
{
    /// <summary>Pester is not available here, so the Pester suite is at least parsed: a syntax error fails the build.</summary>
    public class PesterSyntaxTests
    {
        public static TheoryData<string> Files()
        {
            var folder = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(ModuleHost.ModuleFolder))!, "..", "tests", "PowerShell");
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(Path.GetFullPath(folder), "*.Tests.ps1"))
                data.Add(file);
            return data;
        }

        [Theory]
        [MemberData(nameof(Files))]
        public void ShouldParseWithoutErrors(string file)
        {
            Parser.ParseFile(file, out _, out var errors);
            Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{file}:{e.Extent.StartLineNumber}: {e.Message}")));
        }
    }
}
