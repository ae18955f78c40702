using System.Diagnostics;

namespace AnimeGan.Release.Tests
{
    /// <summary>Runs a program to its end and keeps what it printed; a run that does not end within its bound is killed and fails.</summary>
    internal sealed record Command(int ExitCode, string Out, string Error)
    {
        public static Command Run(string program, IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null, bool clearEnvironment = false, int minutes = 5)
        {
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
            };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            if (clearEnvironment)
                start.Environment.Clear();
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
                start.Environment[name] = value;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(minutes)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(" ", arguments)} did not end within {minutes} minutes.");
            }

            return new Command(process.ExitCode, stdout.Result, stderr.Result);
        }

        public Command Succeeded()
            => ExitCode == 0 ? this : throw new InvalidOperationException($"exit {ExitCode}\n{Out}\n{Error}");
    }
}
