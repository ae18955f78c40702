using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using PaintDotNet.Effects;
using AnimeGan.PaintDotNet.TestHost;

namespace AnimeGan.PaintDotNet.Tests
{
    /// <summary>
    /// The folder a user drops into Effects\AnimeGan\, laid out by the project's own publish step from the
    /// shim build (the real build differs only in the Paint.NET DLLs it references and never copies), and
    /// loaded the way Paint.NET loads plugins.
    /// </summary>
    public class ThePluginPackage
    {
        private static readonly string[] Dependencies = { "AnimeGan.Core", "Magick.NET-Q8-AnyCPU", "Magick.NET.Core", "Microsoft.ML.OnnxRuntime", "Google.Protobuf" };

        [Fact]
        public void ShouldHoldExactlyTheAssetsItsDepsFileNamesForWindowsX64AndArm64()
        {
            using var scratch = new TemporaryDirectory();
            var (layout, zip) = Publish(scratch, runtimes: null);

            var named = DepsAssets(layout);
            var present = Directory.GetFiles(layout, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(layout, f).Replace('\\', '/')).ToList();
            Assert.Equal(named.Append("AnimeGan.PaintDotNet.deps.json").OrderBy(f => f, StringComparer.Ordinal), present.OrderBy(f => f, StringComparer.Ordinal));
            foreach (var expected in new[] { "AnimeGan.PaintDotNet.dll", "AnimeGan.Core.dll", "Microsoft.ML.OnnxRuntime.dll", "Magick.NET-Q8-AnyCPU.dll", "Google.Protobuf.dll" })
                Assert.Contains(expected, present);
            foreach (var rid in new[] { "win-x64", "win-arm64" })
            {
                Assert.Contains($"runtimes/{rid}/native/onnxruntime.dll", present);
                Assert.Contains(present, f => f.StartsWith($"runtimes/{rid}/native/Magick.Native-Q8-", StringComparison.Ordinal));
            }

            Assert.DoesNotContain(present, f => !f.StartsWith("runtimes/win-", StringComparison.Ordinal) && f.StartsWith("runtimes/", StringComparison.Ordinal));
            Assert.DoesNotContain(present, f => f.StartsWith("PaintDotNet", StringComparison.Ordinal) || f.StartsWith("System.Drawing", StringComparison.Ordinal) || f.EndsWith(".lib", StringComparison.Ordinal));
            Assert.Equal(new[] { "models", "runtimes" }, Directory.GetDirectories(layout).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(layout, "models")));

            using var archive = ZipFile.OpenRead(zip);
            var entries = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
            Assert.Contains("INSTALL.txt", entries);
            Assert.Contains("AnimeGan/AnimeGan.PaintDotNet.deps.json", entries);
            Assert.Contains("AnimeGan/runtimes/win-arm64/native/onnxruntime.dll", entries);
            Assert.Equal(present.Count, entries.Count(e => e.StartsWith("AnimeGan/", StringComparison.Ordinal) && !e.EndsWith("/", StringComparison.Ordinal)));
        }

        [Fact]
        public void ShouldLoadInItsOwnContextFromItsFolderAndStylizeAPhoto()
        {
            // Windows natives cannot load here, so the same layout is made for linux-x64 and run for real.
            using var scratch = new TemporaryDirectory();
            var (layout, _) = Publish(scratch, runtimes: "linux-x64");
            var plugin = Path.Combine(layout, "AnimeGan.PaintDotNet.dll");
            var models = new ModelStore(Path.Combine(layout, "models"));
            new ModelInstaller(models).InstallFromFolder(models.Manifest.Get("hayao"), TestFiles.ModelsFolder);

            var context = new PluginLoadContext(plugin);
            var effectType = context.LoadFromAssemblyPath(plugin).GetType("AnimeGan.PaintDotNet.AnimeGanEffect", throwOnError: true)!;
            var effect = (PropertyBasedBitmapEffect)Activator.CreateInstance(effectType, nonPublic: true)!;

            Assert.Same(context, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(effectType.Assembly));
            Assert.Same(typeof(PropertyBasedBitmapEffect).Assembly, effectType.BaseType!.Assembly);
            foreach (var name in Dependencies)
                AssertInside(layout, context.Resolver.ResolveAssemblyToPath(new AssemblyName(name)), name);
            AssertInside(layout, context.Resolver.ResolveUnmanagedDllToPath("onnxruntime"), "onnxruntime");
            AssertInside(layout, context.Resolver.ResolveUnmanagedDllToPath("Magick.Native-Q8-x64.dll"), "Magick.Native-Q8-x64");

            var (bgra, picture) = EffectFixture.Photo(160);
            using var host = new EffectHost(bgra, picture.Width, picture.Height);
            var properties = effect.CreatePropertyCollection();
            properties["FaceEnhancement"].Value = false;
            var rendered = host.Render(effect, properties);

            Assert.Equal(bgra.Length, rendered.Length);
            Assert.True(rendered.Where((b, i) => i % 4 != 3 && b != bgra[i]).Count() > bgra.Length / 2, "the picture was not stylized");
            foreach (var loaded in context.Assemblies)
                AssertInside(layout, loaded.Location, loaded.GetName().Name!);
            Assert.Contains(context.Assemblies, a => a.GetName().Name == "Microsoft.ML.OnnxRuntime");
            var mapped = File.ReadAllText("/proc/self/maps");
            Assert.Contains(Path.Combine(layout, "runtimes", "linux-x64", "native", "libonnxruntime.so"), mapped);
            Assert.Contains(Path.Combine(layout, "runtimes", "linux-x64", "native", "Magick.Native-Q8-x64.dll.so"), mapped);
        }

        private static void AssertInside(string folder, string? path, string what)
        {
            Assert.True(path != null, $"{what} did not resolve");
            Assert.True(Path.GetFullPath(path!).StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal), $"{what} resolved to {path}, outside {folder}");
        }

        /// <summary>Every file the deps file names, as paths relative to the plugin folder.</summary>
        private static List<string> DepsAssets(string layout)
        {
            using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(layout, "AnimeGan.PaintDotNet.deps.json")));
            var assets = new List<string>();
            foreach (var target in deps.RootElement.GetProperty("targets").EnumerateObject())
            {
                foreach (var library in target.Value.EnumerateObject())
                {
                    if (library.Value.TryGetProperty("runtime", out var runtime))
                        assets.AddRange(runtime.EnumerateObject().Select(a => Path.GetFileName(a.Name)));
                    if (library.Value.TryGetProperty("runtimeTargets", out var targets))
                        assets.AddRange(targets.EnumerateObject().Select(a => a.Name));
                }
            }

            return assets;
        }

        internal static (string Layout, string Zip) Publish(TemporaryDirectory scratch, string? runtimes)
        {
            var project = Path.Combine(RepositoryRoot(), "PaintDotNetEffect", "AnimeGan.PaintDotNet", "AnimeGan.PaintDotNet.csproj");
            var package = Path.Combine(scratch.Path, "package");
            var zip = Path.Combine(scratch.Path, "AnimeGan-PaintDotNet.zip");

            // --no-build: the test run has just built the effect; publishing only resolves, copies and lays out.
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var arguments = new List<string> { "publish", project, "-c", "Release", "--no-build", "--nologo", "-o", Path.Combine(scratch.Path, "publish"), $"-p:PluginPackageFolder={package}", $"-p:PluginZip={zip}" };
            if (runtimes != null)
                arguments.Add($"-p:PluginRuntimes={runtimes}");
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("dotnet publish did not finish in 5 minutes");
            }

            Assert.True(process.ExitCode == 0, stdout.Result + stderr.Result);
            return (Path.Combine(package, "AnimeGan"), zip);
        }

        internal static string RepositoryRoot()
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
