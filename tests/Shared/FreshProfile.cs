namespace AnimeGan.Tests
{
    /// <summary>
    /// A new user's home and temporary folders, for a program a test starts: whatever the program writes
    /// outside its outputs shows up here, telemetry above all (ONNX Runtime's device id and event queue under
    /// ~/.cache/Microsoft/DeveloperTools/.onnxruntime, its session file '.ses' in the temporary folder).
    /// </summary>
    internal sealed class FreshProfile : IDisposable
    {
        private readonly TemporaryDirectory _root = new TemporaryDirectory();

        public FreshProfile()
        {
            Directory.CreateDirectory(Home);
            Directory.CreateDirectory(Temp);
        }

        public string Home => _root.File("home");

        public string Temp => _root.File("tmp");

        /// <summary>The variables that point a program at these folders; the runtime's diagnostic pipes stay out of them.</summary>
        public (string Name, string Value)[] Environment => new[] { ("HOME", Home), ("TMPDIR", Temp), ("DOTNET_EnableDiagnostics", "0") };

        /// <summary>Every file and folder the program left in the home folder, relative to it.</summary>
        public IReadOnlyList<string> LeftInHome() => Left(Home);

        /// <summary>Every file and folder the program left in the temporary folder, relative to it.</summary>
        public IReadOnlyList<string> LeftInTemp() => Left(Temp);

        public void Dispose() => _root.Dispose();

        private static List<string> Left(string folder)
            => Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(p => System.IO.Path.GetRelativePath(folder, p)).OrderBy(p => p, StringComparer.Ordinal).ToList();
    }
}
