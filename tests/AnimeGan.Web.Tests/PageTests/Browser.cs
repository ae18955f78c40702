using Microsoft.Playwright;

namespace AnimeGan.Web.Tests.PageTests
{
    /// <summary>
    /// The page served on 127.0.0.1 by real Kestrel, and Debian's Chromium driven headless by Playwright
    /// (pointed at /usr/bin/chromium: Playwright cannot download its own browsers here).
    /// </summary>
    public sealed class Browser : IAsyncLifetime
    {
        public const string ChromiumPath = "/usr/bin/chromium";

        private IPlaywright? _playwright;

        public WebApp App { get; } = WebApp.OnLoopback();

        public IBrowser Chromium { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            if (!File.Exists(ChromiumPath))
                throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does.");
            _playwright = await Playwright.CreateAsync();
            Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--js-flags=--expose-gc" },
            });
        }

        /// <summary>A fresh page at the app's address, at the given viewport size.</summary>
        public async Task<IPage> OpenAsync(int width = 1280, int height = 900)
        {
            var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, AcceptDownloads = true, BaseURL = App.Address.ToString() });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(120_000);
            await page.GotoAsync("/");
            await page.Locator(".style-card").First.WaitForAsync();
            return page;
        }

        public async Task DisposeAsync()
        {
            // The server goes whatever the browser does as it closes, so its temporary files go with it.
            try
            {
                await Chromium.DisposeAsync();
                _playwright?.Dispose();
            }
            finally
            {
                await App.DisposeAsync();
            }
        }
    }

    /// <summary>The page's tests share one browser and one server, and run one at a time.</summary>
    [CollectionDefinition(nameof(ThePage))]
    public sealed class PageTestCollection : ICollectionFixture<Browser>
    {
    }
}
