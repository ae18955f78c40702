using System.Diagnostics;
using System.Text;

namespace AnimeGan.Cli.Tests.CommandTests
{
    /// <summary>
    /// `animegan convert` on a real terminal (a pseudo-terminal made by util-linux's script), stopped with Ctrl+C
    /// typed into it while the progress bar is drawn: the cursor the bar hid is shown again, the command says
    /// what it converted, and no partial file is left.
    /// </summary>
    public class TheConvertCommandInATerminal
    {
        private const string HideCursor = "\u001b[?25l";
        private const string ShowCursor = "\u001b[?25h";

        [Fact]
        public async Task ShouldPrintALinePerFileWhenOnlyStandardErrorIsRedirected()
        {
            using var folder = new TemporaryDirectory();
            var photos = Directory.CreateDirectory(folder.File("photos")).FullName;
            for (var i = 0; i < 2; i++)
                TestImages.WritePhoto(TestFiles.Rickshaw, Path.Combine(photos, $"p{i}.jpg"), 200);
            var command = $"'{Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet"}' '{Path.Combine(AppContext.BaseDirectory, "animegan.dll")}' --models '{TestModels.Folder}' convert '{photos}' -o '{folder.File("anime")}' --no-faces --max-size 64 2>'{folder.File("errors.log")}'";
            var start = new ProcessStartInfo("script", new[] { "-qfec", command, "/dev/null" }) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.Environment["TERM"] = "xterm-256color";
            using var terminal = Process.Start(start)!;
            var printed = await terminal.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(2));
            await terminal.WaitForExitAsync();

            Assert.Equal(0, terminal.ExitCode);
            foreach (var name in new[] { "p0", "p1" })
                Assert.Contains($"{Path.Combine(photos, name + ".jpg")} -> {folder.File("anime/" + name + "_anime.jpg")}", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("stylizing:", printed, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ShouldGiveTheCursorBackWhenStoppedWithCtrlC()
        {
            using var folder = new TemporaryDirectory();
            var photos = Directory.CreateDirectory(folder.File("photos")).FullName;
            for (var i = 0; i < 12; i++)
                TestImages.WritePhoto(TestFiles.Rickshaw, Path.Combine(photos, $"p{i:00}.jpg"), 1280);
            var output = folder.File("anime");
            var command = $"'{Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet"}' '{Path.Combine(AppContext.BaseDirectory, "animegan.dll")}' --models '{TestModels.Folder}' convert '{photos}' -o '{output}' --no-faces";
            var start = new ProcessStartInfo("script", new[] { "-qfec", command, "/dev/null" }) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.Environment["TERM"] = "xterm-256color";
            start.Environment["COLUMNS"] = "100";
            using var terminal = Process.Start(start)!;
            var screen = new StringBuilder();
            var buffer = new char[4096];

            // Typed once the bar is up: the moment the command hides the cursor to draw it.
            while (!screen.ToString().Contains(HideCursor, StringComparison.Ordinal))
            {
                var read = await terminal.StandardOutput.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromMinutes(2));
                Assert.True(read > 0, "the terminal closed before the progress bar was drawn:\n" + screen);
                screen.Append(buffer, 0, read);
            }

            await terminal.StandardInput.WriteAsync('\u0003');
            await terminal.StandardInput.FlushAsync();
            screen.Append(await terminal.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(2)));
            await terminal.WaitForExitAsync();

            var printed = screen.ToString();
            Assert.True(printed.LastIndexOf(ShowCursor, StringComparison.Ordinal) > printed.LastIndexOf(HideCursor, StringComparison.Ordinal), "the cursor was left hidden:\n" + printed.Replace("\u001b", "ESC", StringComparison.Ordinal));
            Assert.Contains("interrupted: ", printed, StringComparison.Ordinal);
            Assert.Equal(130, terminal.ExitCode);
            Assert.All(Directory.Exists(output) ? Directory.GetFiles(output) : Array.Empty<string>(), f => Assert.EndsWith("_anime.jpg", f, StringComparison.Ordinal));
        }
    }
}
