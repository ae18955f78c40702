using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace AnimeGan.Cli.Commands
{
    /// <summary>Prints the standard help, then the examples attached to the command being asked about, then the exit codes scripts rely on.</summary>
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

            var exitCodes = parseResult.InvocationConfiguration.Output;
            exitCodes.WriteLine("Exit codes:");
            exitCodes.WriteLine($"  {ExitCodes.Success}    everything asked for was done");
            exitCodes.WriteLine($"  {ExitCodes.Failed}    a file or model failed (each is named on standard error; the others were done)");
            exitCodes.WriteLine($"  {ExitCodes.Usage}    the command line was wrong; nothing was done");
            exitCodes.WriteLine($"  {ExitCodes.Interrupted}  stopped by Ctrl+C; finished outputs are complete, no partial file is left");
            exitCodes.WriteLine();
            return result;
        }
    }
}
