using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace AnimeGan.Cli.Commands
{
    /// <summary>Prints the standard help, then the examples attached to the command being asked about.</summary>
    internal sealed class ExamplesHelpAction : SynchronousCommandLineAction
    {
        private static readonly ConditionalWeakTable<Command, string[]> Examples = new ConditionalWeakTable<Command, string[]>();
        private readonly HelpAction _standard;

        public ExamplesHelpAction(HelpAction standard) => _standard = standard;

        public static void Attach(Command command, params string[] examples) => Examples.AddOrUpdate(command, examples);

        public override int Invoke(ParseResult parseResult)
        {
            var result = _standard.Invoke(parseResult);
            if (Examples.TryGetValue(parseResult.CommandResult.Command, out var examples))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples)
                    output.WriteLine("  " + example);
                output.WriteLine();
            }

            return result;
        }
    }
}
