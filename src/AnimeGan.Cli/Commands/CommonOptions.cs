using System.CommandLine;

namespace AnimeGan.Cli.Commands
{
    /// <summary>Options every command shares.</summary>
    internal static class CommonOptions
    {
        /// <summary>The models folder, for every command (the ANIMEGAN_MODELS variable does the same).</summary>
        public static readonly Option<string?> ModelsFolder = new Option<string?>("--models")
        {
            Description = "Models folder (default: $ANIMEGAN_MODELS, else the per-user data folder).",
            HelpName = "DIR",
            Recursive = true,
        };

        /// <summary>Writes what --json prints: indented, property names as declared.</summary>
        public static void WriteJson(Console.CliConsole console, object value)
            => console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        /// <summary>Machine-readable output.</summary>
        public static Option<bool> Json() => new Option<bool>("--json") { Description = "Print JSON for scripts instead of a table." };
    }
}
