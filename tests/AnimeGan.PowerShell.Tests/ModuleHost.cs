using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace AnimeGan.PowerShell.Tests
{
    /// <summary>
    /// A real PowerShell 7.6 runspace with the built module imported from its folder, and the test models
    /// installed through the module's own Install-AnimeModel (or $ANIMEGAN_MODELS when CI set it).
    /// </summary>
    public sealed class ModuleHost : IDisposable
    {
        private static readonly Lazy<string> LazyModels = new Lazy<string>(InstallModels);

        public ModuleHost()
        {
            var state = InitialSessionState.CreateDefault2();
            Runspace = RunspaceFactory.CreateRunspace(state);
            Runspace.Open();

            // Import from another working directory: native libraries must still resolve from the module folder.
            Environment.CurrentDirectory = Path.GetTempPath();
            Invoke($"Import-Module -Name '{ManifestPath}' -ErrorAction Stop");
        }

        public static string ModuleFolder
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "artifacts", "module", "AnimeGan");
                    if (File.Exists(Path.Combine(candidate, "AnimeGan.psd1")))
                        return candidate;
                }

                throw new InvalidOperationException("The module folder artifacts/module/AnimeGan was not built.");
            }
        }

        public static string ManifestPath => Path.Combine(ModuleFolder, "AnimeGan.psd1");

        public static string Models => LazyModels.Value;

        public Runspace Runspace { get; }

        /// <summary>Runs script text; returns output and the streams for assertions.</summary>
        public (Collection<PSObject> Output, System.Management.Automation.PowerShell Shell) Run(string script)
        {
            var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = Runspace;
            shell.AddScript(script);
            var output = shell.Invoke();
            return (output, shell);
        }

        public Collection<PSObject> Invoke(string script)
        {
            var (output, shell) = Run(script);
            using (shell)
            {
                if (shell.HadErrors && shell.Streams.Error.Count > 0)
                    throw new InvalidOperationException(string.Join(Environment.NewLine, shell.Streams.Error.Select(e => e.ToString())));
                return output;
            }
        }

        /// <summary>
        /// How many conversions the module's engines are running now, read from inside the module (its types
        /// live in the module's own load context): a cmdlet that has returned leaves none behind.
        /// </summary>
        public int RunningConversions()
            => (int)Invoke("[AnimeGan.PowerShell.AnimeStyleInfo].Assembly.GetType('AnimeGan.PowerShell.EngineCache').GetProperty('Running', [Reflection.BindingFlags]'NonPublic,Static').GetValue($null)")[0].BaseObject;

        public void Dispose() => Runspace.Dispose();

        private static string InstallModels()
        {
            var folder = Environment.GetEnvironmentVariable("ANIMEGAN_MODELS");
            if (string.IsNullOrEmpty(folder))
                folder = Path.Combine(Path.GetTempPath(), "animegan-test-models");
            using var host = new ModuleHost();
            // Float only, as every test folder: the expected pictures are the float graphs'.
            host.Invoke($"Install-AnimeModel -All -SourcePath '{TestFiles.ModelsFolder}' -ModelsPath '{folder}' -SkipInt8");
            return folder;
        }
    }
}
