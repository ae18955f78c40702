using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using AnimeGan.Tests;
using Deque.AxeCore.Playwright;
using ImageMagick;
using Microsoft.Playwright;

namespace AnimeGan.Web.Tests.PageTests
{
    /// <summary>The page as a person uses it, in a real browser against the real server and models.</summary>
    [Collection(nameof(ThePage))]
    public class ThePage : IClassFixture<Browser>
    {
        private readonly Browser _browser;

        public ThePage(Browser browser) => _browser = browser;

        /// <summary>Two photos and a file that is not one, as a person might pick them.</summary>
        private static FilePayload[] ThreeFiles() => new[]
        {
            new FilePayload { Name = "portrait.jpg", MimeType = "image/jpeg", Buffer = Uploads.Photo(Path.Combine(TestFiles.Portraits, "1.jpg"), 640) },
            new FilePayload { Name = "notes.jpg", MimeType = "image/jpeg", Buffer = System.Text.Encoding.ASCII.GetBytes("these are notes, not a photo") },
            new FilePayload { Name = "street.jpg", MimeType = "image/jpeg", Buffer = Uploads.Photo(TestFiles.Rickshaw, 640) },
        };

        private static async Task ConvertThreeAsync(IPage page)
        {
            await page.Locator("#files").SetInputFilesAsync(ThreeFiles());
            Assert.Equal(3, await page.Locator("#queue img").CountAsync());
            await page.Locator("#detail").SelectOptionAsync("512");
            await page.Locator("#convert").ClickAsync();
            await page.Locator("#summary").Filter(new LocatorFilterOptions { HasText = "converted" }).WaitForAsync();
        }

        [Fact]
        public async Task ShouldConvertTwoPhotosAndSayInPlainWordsWhyTheThirdIsNotAPhoto()
        {
            var page = await _browser.OpenAsync();

            await ConvertThreeAsync(page);

            Assert.Equal(2, await page.Locator(".result canvas").CountAsync());
            var error = page.Locator(".result .error");
            Assert.Equal(1, await error.CountAsync());
            Assert.Contains("notes.jpg: not a JPEG, PNG", await error.InnerTextAsync());
            Assert.Equal("2 converted, 1 could not be converted.", await page.Locator("#summary").InnerTextAsync());
            Assert.Contains("face", await page.Locator(".result .stage").First.InnerTextAsync());
        }

        [Fact]
        public async Task ShouldReblendAtOnceWhenStrengthMovesByMouseOrKeyboard()
        {
            var page = await _browser.OpenAsync();
            await ConvertThreeAsync(page);
            var result = page.Locator(".result").Filter(new LocatorFilterOptions { Has = page.Locator("canvas") }).First;
            var strength = result.Locator("input.strength");
            const string Sum = "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let s = 0; for (let i = 0; i < d.length; i += 97) s += d[i]; return s; }";
            var full = await result.Locator("canvas").EvaluateAsync<double>(Sum);

            await strength.FillAsync("0");
            var none = await result.Locator("canvas").EvaluateAsync<double>(Sum);
            await strength.FocusAsync();
            await page.Keyboard.PressAsync("ArrowRight");

            Assert.NotEqual(full, none);
            Assert.Equal("1", await strength.InputValueAsync());
            Assert.Equal("1%", await result.Locator("output").InnerTextAsync());
            Assert.Contains("strength=0.01", await result.Locator("a.download").GetAttributeAsync("href"));
        }

        [Fact]
        public async Task ShouldDownloadOneResultAtFullSizeAndAllOfThemAsAZip()
        {
            var page = await _browser.OpenAsync();
            await ConvertThreeAsync(page);
            using var folder = new TemporaryDirectory();

            var one = await page.RunAndWaitForDownloadAsync(() => page.Locator(".result a.download").First.ClickAsync());
            await one.SaveAsAsync(folder.File(one.SuggestedFilename));
            var all = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-all").ClickAsync());
            await all.SaveAsAsync(folder.File("all.zip"));

            Assert.Equal("portrait_anime.jpg", one.SuggestedFilename);
            using (var image = new MagickImage(folder.File(one.SuggestedFilename)))
                Assert.Equal(640u, Math.Max(image.Width, image.Height));
            using var zip = ZipFile.OpenRead(folder.File("all.zip"));
            Assert.Equal(new[] { "portrait_anime.jpg", "street_anime.jpg" }, zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public async Task ShouldSayOnItsCardToConvertAgainWhenTheServerNoLongerHasTheResult()
        {
            var page = await _browser.OpenAsync();
            await ConvertThreeAsync(page);
            var card = page.Locator(".result").Filter(new LocatorFilterOptions { Has = page.Locator("canvas") }).First;
            var href = await card.Locator("a.download").GetAttributeAsync("href");
            var id = href!.Split('/')[2];
            using (var client = new System.Net.Http.HttpClient { BaseAddress = _browser.App.Address })
                Assert.True((await client.DeleteAsync($"/api/jobs/{id}")).IsSuccessStatusCode);

            await card.Locator("a.download").ClickAsync();

            await card.Locator(".stage").Filter(new LocatorFilterOptions { HasText = "convert the photo again" }).WaitForAsync();
        }

        [Fact]
        public async Task ShouldPassAnAccessibilityCheckAndBeShownAtDesktopAndPhoneSize()
        {
            foreach (var (width, height, name) in new[] { (1280, 900, "web-desktop.png"), (390, 844, "web-phone.png") })
            {
                var page = await _browser.OpenAsync(width, height);
                Assert.Empty(Serious(await page.RunAxe()));
                await ConvertThreeAsync(page);

                var results = await page.RunAxe();

                Assert.Empty(Serious(results));
                await page.Locator(".result canvas").First.ScrollIntoViewIfNeededAsync();
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Docs(), name), FullPage = true });
                Assert.True(new FileInfo(Path.Combine(Docs(), name)).Length > 10_000);
            }
        }

        private static string[] Serious(Deque.AxeCore.Commons.AxeResult results)
            => results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})").ToArray();

        /// <summary>The repository's docs folder, where README's screenshots live.</summary>
        private static string Docs()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AnimeGanPlugins.sln")))
                    return Path.Combine(dir.FullName, "docs");
            }

            throw new InvalidOperationException("The repository root was not found above the test folder.");
        }
    }
}
