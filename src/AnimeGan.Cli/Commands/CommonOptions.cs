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
            Description = "Models folder (default: $ANIMEGAN_MODELS, else a 'models' folder beside the program, else the per-user data folder).",
            HelpName = "DIR",
            Recursive = true,
            DefaultValueFactory = _ => PortableModelsFolder(),
        };

        /// <summary>
        /// The models folder of an unpacked download: the release archives carry the default style and face
        /// detector in a 'models' folder beside the program, so they convert on first run with no download.
        /// $ANIMEGAN_MODELS still wins; a program with no such folder (a .NET tool, a build) uses the per-user one.
        /// </summary>
        private static string? PortableModelsFolder()
        {
            if (!string.IsNullOrWhiteSpace(System.Environment.GetEnvironmentVariable(Core.Models.ModelStore.FolderVariable)))
                return null;
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
