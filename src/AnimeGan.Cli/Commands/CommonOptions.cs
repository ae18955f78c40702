using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AnimeGan.Cli.Commands
{
    /// <summary>Options every command shares.</summary>
    internal static class CommonOptions
    {
        /// <summary>The models folder, for every command (the ANIMEGAN_MODELS variable does the same).</summary>
        public static readonly Option<string?> ModelsFolder = new Option<string?>("--models")
        {
            Description = "Models folder, where installs go (default: $ANIMEGAN_MODELS, else the per-user data folder); the 'models' folder beside the program, which a release archive ships, is searched after it.",
            HelpName = "DIR",
            Recursive = true,
        };

        /// <summary>
        /// The models of a folder with those shipped beside the program: a release archive carries the default
        /// style and face detector in a 'models' folder there, so it converts on first run with no download, and a
        /// user's own folder ($ANIMEGAN_MODELS, --models) adds to them. A program with no such folder (a .NET tool,
        /// a build) has only the user's.
        /// </summary>
        public static Core.Models.ModelStore Store(string? folder) => Core.Models.ModelStore.WithShipped(folder, ShippedModelsFolder());

        /// <summary>The 'models' folder beside the program, or null when it has none.</summary>
        public static string? ShippedModelsFolder()
        {
            var beside = System.IO.Path.Combine(System.AppContext.BaseDirectory, "models");
            return System.IO.Directory.Exists(beside) ? beside : null;
        }

        // Relaxed escaping: the output goes to scripts and people, not into HTML, so apostrophes in licence
        // texts and non-ASCII file names stay readable instead of turning into \u0027 escapes.
        private static readonly JsonSerializerOptions JsonOutput = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>Writes what --json prints: indented, property names in camelCase (as the web API writes them).</summary>
        public static void WriteJson(Console.CliConsole console, object value)
            => console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOutput));

        /// <summary>Machine-readable output.</summary>
        public static Option<bool> Json() => new Option<bool>("--json") { Description = "Print JSON for scripts instead of a table." };
    }
}
