using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AnimeGan.Tests
{
    /// <summary>
    /// Programs a test or a benchmark starts beside itself (replicas of `animegan serve`, HAProxy): their
    /// output gathered line by line, so the caller can wait for the line that says a program is ready
    /// instead of waiting for time to pass.
    /// </summary>
    internal static class ChildProcesses
    {
        /// <summary>Starts a program; every line it prints, on either stream, goes to <paramref name="lines"/>.</summary>
        public static Process Start(string program, IEnumerable<string> arguments, BlockingCollection<string> lines, params (string Name, string Value)[] environment)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            foreach (var (name, value) in environment)
                start.Environment[name] = value;
            var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lines.Add(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lines.Add(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        /// <summary>Takes lines until each text has appeared; a program silent for a minute fails the caller with what it did print.</summary>
        public static void WaitFor(BlockingCollection<string> lines, params string[] texts)
        {
            var missing = new HashSet<string>(texts);
            var seen = new List<string>();
            while (missing.Count > 0)
            {
                if (!lines.TryTake(out var line, TimeSpan.FromSeconds(60)))
                    throw new InvalidOperationException($"Never printed: {string.Join(", ", missing)}. Printed:\n{string.Join("\n", seen)}");
                seen.Add(line);
                missing.RemoveWhere(text => line.Contains(text, StringComparison.Ordinal));
            }
        }

        /// <summary>Runs .NET's host with the arguments to its end (ten minutes at most); returns its exit code and all it printed.</summary>
        public static (int ExitCode, string Output) RunDotnet(IEnumerable<string> arguments, params (string Name, string Value)[] environment)
        {
            var lines = new BlockingCollection<string>();
            using var process = Start(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", arguments, lines, environment);
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet " + string.Join(" ", arguments) + " did not finish in 10 minutes:\n" + string.Join("\n", lines));
            }

            process.WaitForExit();
            return (process.ExitCode, string.Join("\n", lines));
        }

        /// <summary>
        /// Starts `animegan serve` (the CLI beside the running test) with these options and environment, and waits for
        /// the line that gives its address; returns the process, that address and every line printed until then.
        /// </summary>
        public static (Process Server, string Address, IReadOnlyList<string> Printed) StartServe(string modelsFolder, IEnumerable<string> options, BlockingCollection<string> lines, params (string Name, string Value)[] environment)
        {
            // A free port unless the options name one (a server restarted where its page expects it).
            var port = options.Contains("--port") ? Array.Empty<string>() : new[] { "--port", "0" };
            var arguments = new[] { Path.Combine(AppContext.BaseDirectory, "animegan.dll"), "--models", modelsFolder, "serve" }.Concat(port).Concat(options);
            var server = Start(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", arguments, lines, environment);
            var printed = new List<string>();
            while (lines.TryTake(out var line, TimeSpan.FromSeconds(60)))
            {
                printed.Add(line);
                if (System.Text.RegularExpressions.Regex.Match(line, @"serving at (http://\S+)") is { Success: true } found)
                    return (server, found.Groups[1].Value, printed);
            }

            throw new InvalidOperationException("The server printed no address:\n" + string.Join("\n", printed));
        }

        /// <summary>Sends a signal (TERM, INT) the way a supervisor does.</summary>
        public static void Signal(Process process, string signal)
        {
            using var kill = Process.Start("kill", new[] { "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!;
            kill.WaitForExit();
        }

        /// <summary>A TCP port free on 127.0.0.1 now.</summary>
        public static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>The repository the running test or benchmark was built in.</summary>
        public static string Repository()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AnimeGanPlugins.sln")))
                    return dir.FullName;
            }

            throw new InvalidOperationException("The repository (AnimeGanPlugins.sln) is not above this program's folder.");
        }
    }
}
