using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AnimeGan.Tests;

namespace AnimeGan.PaintDotNet.Tests
{
    /// <summary>
    /// The folder a user drops into Effects\AnimeGan\, laid out by the project's own publish step from the
    /// shim build (the real build differs only in the Paint.NET DLLs it references and never copies).
    /// </summary>
    public class ThePluginPackage
    {
        [Fact]
        public void ShouldHoldThePluginEngineAndWindowsNativesFlatWithNoPaintDotNetDll()
        {
            using var scratch = new TemporaryDirectory();
            var layout = Path.Combine(scratch.Path, "AnimeGan");

            var (exitCode, output) = Publish(layout, Path.Combine(scratch.Path, "publish"));

            Assert.True(exitCode == 0, output);
            var files = Directory.GetFiles(layout).Select(Path.GetFileName).ToList();
            foreach (var expected in new[] { "AnimeGan.PaintDotNet.dll", "AnimeGan.Core.dll", "Microsoft.ML.OnnxRuntime.dll", "Magick.NET-Q8-AnyCPU.dll", "Magick.NET.Core.dll", "onnxruntime.dll", "Magick.Native-Q8-x64.dll" })
                Assert.Contains(expected, files);
            Assert.DoesNotContain(files, f => f!.StartsWith("PaintDotNet", StringComparison.Ordinal) || f == "System.Drawing.Common.dll");
            Assert.Equal(new[] { "models" }, Directory.GetDirectories(layout).Select(Path.GetFileName));
            Assert.Empty(Directory.GetFiles(Path.Combine(layout, "models")));
        }

        private static (int ExitCode, string Output) Publish(string layout, string publishFolder)
        {
            var project = Path.Combine(RepositoryRoot(), "PaintDotNetEffect", "AnimeGan.PaintDotNet", "AnimeGan.PaintDotNet.csproj");

            // --no-build: the test run has just built the effect; publishing only copies and lays out.
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "publish", project, "-c", "Release", "--no-build", "--nologo", "-o", publishFolder, "-p:AllowShimPackage=true", $"-p:PluginLayoutFolder={layout}" })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "dotnet publish did not finish in 5 minutes");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AnimeGanPlugins.sln")))
                    return dir.FullName;
            }

            throw new InvalidOperationException("The repository root (AnimeGanPlugins.sln) was not found above the test folder.");
        }
    }
}
