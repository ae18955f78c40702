using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using Microsoft.Playwright;

namespace AnimeGan.Web.Tests.PageTests
{
    /// <summary>
    /// The page against a real <c>animegan serve</c> that is killed in the middle of conversions and started again
    /// on its port: every card says what happened, keeps its photo and converts it again; a result the new server
    /// does not have is named by its photo, and "Download all" zips the rest.
    /// </summary>
    [Collection(nameof(ThePage))]
    public sealed class ThePageAfterARestart : IDisposable
    {
        private readonly Browser _browser;
        private readonly int _port = ChildProcesses.FreePort();
        private readonly List<Process> _servers = new();

        public ThePageAfterARestart(Browser browser) => _browser = browser;

        [Fact]
        public async Task ShouldOfferEveryPhotoAgainAndNameTheResultsThatWentWithTheServer()
        {
            var first = Start();
            var context = await _browser.Chromium.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, BaseURL = $"http://127.0.0.1:{_port}/" });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(120_000);
            var pageErrors = new List<string>();
            page.PageError += (_, error) => pageErrors.Add(error);
            await page.GotoAsync("/");
            await page.Locator(".style-card").First.WaitForAsync();
            await page.Locator("#detail").SelectOptionAsync("512");

            // One result made by the first server.
            await page.Locator("#files").SetInputFilesAsync(new[] { Photo("kept.jpg") });
            await page.Locator("#convert").ClickAsync();
            await page.Locator(".result canvas").WaitForAsync();
            Kill(first);

            // Three photos for a server that holds every conversion at stylizing, killed while two are there.
            var holding = Start(("AnimeGan__HoldAtStage", "Stylizing"));
            await page.Locator("#files").SetInputFilesAsync(new[] { Photo("a.jpg"), Photo("b.jpg"), Photo("c.jpg") });
            await page.Locator("#convert").ClickAsync();
            Assert.Equal("a.jpg", await page.EvaluateAsync<string>("document.activeElement.textContent"));
            await page.Locator(".result .stage", new PageLocatorOptions { HasTextString = "Stylizing" }).Nth(1).WaitForAsync();
            Kill(holding);

            var again = page.Locator("button.again");
            await page.Locator("#summary").Filter(new LocatorFilterOptions { HasText = "could not be converted" }).WaitForAsync();
            Assert.Equal(3, await again.CountAsync());
            var errors = await page.Locator(".result .error").AllInnerTextsAsync();
            Assert.Equal(2, errors.Count(e => e.Contains("the connection to the server was lost while stylizing", StringComparison.Ordinal)));
            Assert.Single(errors, e => e.StartsWith("c.jpg: the server could not be reached", StringComparison.Ordinal));
            Assert.Empty(pageErrors);

            // The server is back: each photo converts again from its card, and focus stays on that card.
            Start();
            for (var i = 0; i < 3; i++)
            {
                await again.First.ClickAsync();
                Assert.Equal("H3", await page.EvaluateAsync<string>("document.activeElement.tagName"));
            }

            await page.Locator(".result canvas").Nth(3).WaitForAsync();
            await page.Locator("#summary").Filter(new LocatorFilterOptions { HasText = "4 converted" }).WaitForAsync();

            // "Download all": the three the new server has, and the one it does not named by its photo.
            using var folder = new TemporaryDirectory();
            var zip = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-all").ClickAsync());
            await zip.SaveAsAsync(folder.File("all.zip"));
            using (var archive = ZipFile.OpenRead(folder.File("all.zip")))
                Assert.Equal(new[] { "a_anime.jpg", "b_anime.jpg", "c_anime.jpg" }, archive.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal));
            await page.Locator("#summary").Filter(new LocatorFilterOptions { HasText = "The zip holds 3 of 4; the server no longer has kept.jpg" }).WaitForAsync();
            var kept = page.Locator(".result").Filter(new LocatorFilterOptions { Has = page.Locator("h3", new PageLocatorOptions { HasTextString = "kept.jpg" }) });
            Assert.StartsWith("kept.jpg: the server no longer has this result", await kept.Locator(".stage").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(1, await kept.Locator("button.again").CountAsync());
            Assert.Empty(pageErrors);
        }

        public void Dispose()
        {
            // The server still running stops as a supervisor stops it, so it removes its own files; the killed ones'
            // folders were removed by the server started after them.
            foreach (var server in _servers.Where(s => !s.HasExited))
            {
                ChildProcesses.Signal(server, "TERM");
                if (!server.WaitForExit(60_000))
                    Kill(server);
            }
        }

        private static FilePayload Photo(string name) => new() { Name = name, MimeType = "image/jpeg", Buffer = Uploads.Photo(TestFiles.Rickshaw, 320) };

        private static void Kill(Process server)
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit();
            }
        }

        private Process Start(params (string Name, string Value)[] environment)
        {
            var (server, _, _) = ChildProcesses.StartServe(TestModels.Folder, new[] { "--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--drain-seconds", "0" }, new BlockingCollection<string>(), environment);
            _servers.Add(server);
            return server;
        }
    }
}
