using System.Net;
using System.Net.Http.Headers;
using AnimeGan.Web.Hosting;

namespace AnimeGan.Web.Tests.ApiTests
{
    public class TheAccessRules
    {
        private const string Token = "0123456789abcdef0123456789";

        [Theory]
        [InlineData("evil.example", HttpStatusCode.BadRequest)]
        [InlineData("localhost.evil.example", HttpStatusCode.BadRequest)]
        [InlineData("rebind.127.0.0.1.nip.io", HttpStatusCode.BadRequest)]
        [InlineData("localhost", HttpStatusCode.OK)]
        [InlineData("127.0.0.1:5000", HttpStatusCode.OK)]
        [InlineData("[::1]:5000", HttpStatusCode.OK)]
        public async Task ShouldServeThisMachinesNamesAndRefuseOthers(string host, HttpStatusCode expected)
        {
            using var app = new WebApp();
            using var client = app.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/styles");
            request.Headers.Host = host;

            using var response = await client.SendAsync(request);

            Assert.Equal(expected, response.StatusCode);
            if (expected == HttpStatusCode.BadRequest)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
                Assert.Contains(host.Split(':')[0], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        [Theory]
        [InlineData("/healthz", HttpStatusCode.OK)]
        [InlineData("/readyz", HttpStatusCode.OK)]
        [InlineData("/api/styles", HttpStatusCode.BadRequest)]
        [InlineData("/", HttpStatusCode.BadRequest)]
        public async Task ShouldAnswerProbesByAServiceNameButNothingElse(string path, HttpStatusCode expected)
        {
            // A kubelet probing http://animegan.default.svc:5000/readyz, which --allowed-hosts does not name.
            using var app = new WebApp(("Host", "0.0.0.0"), ("Token", Token));
            using var client = app.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "animegan.default.svc:5000";
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);

            using var response = await client.SendAsync(request);

            Assert.Equal(expected, response.StatusCode);
        }

        [Theory]
        [InlineData("Origin", "https://evil.example", HttpStatusCode.Forbidden)]
        [InlineData("Origin", "http://localhost:8080", HttpStatusCode.Forbidden)]
        [InlineData("Origin", "null", HttpStatusCode.Forbidden)]
        [InlineData("Sec-Fetch-Site", "cross-site", HttpStatusCode.Forbidden)]
        [InlineData("Origin", "http://localhost", HttpStatusCode.UnsupportedMediaType)]
        [InlineData("Sec-Fetch-Site", "same-origin", HttpStatusCode.UnsupportedMediaType)]
        public async Task ShouldRefuseWorkAnotherSitesPageSends(string header, string value, HttpStatusCode expected)
        {
            using var app = new WebApp();
            using var client = app.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/convert") { Content = new StringContent("not a form") };
            request.Headers.Add(header, value);

            using var response = await client.SendAsync(request);

            // Its own origin goes on to the form check (415: not a form); another site stops at the gate (403), as problem details.
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            using var reading = new HttpRequestMessage(HttpMethod.Get, "/api/styles");
            reading.Headers.Add(header, value);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(reading)).StatusCode);
        }

        [Fact]
        public async Task ShouldAnswer401WithoutTheTokenWhenListeningBeyondLoopback()
        {
            using var app = new WebApp(("Host", "0.0.0.0"), ("Token", Token));
            using var client = app.CreateClient();

            foreach (var path in new[] { "/", "/api/styles", "/api/jobs" })
            {
                using var refused = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            }

            // Probes (a load balancer, Kubernetes, the container's HEALTHCHECK) carry no token.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

            using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/styles");
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

            using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/styles");
            bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(bearer)).StatusCode);
        }

        [Fact]
        public async Task ShouldAnswerABrowserWithoutTheTokenWithAPageSayingHowToGetIt()
        {
            using var app = new WebApp(("Host", "0.0.0.0"), ("Token", Token));
            using var client = app.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("needs its access token", page, System.StringComparison.Ordinal);
            Assert.Contains("?token=", page, System.StringComparison.Ordinal);
            Assert.DoesNotContain(Token, page, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task ShouldLetThePageInWithTheTokenInItsAddressAndKeepItInACookie()
        {
            using var app = new WebApp(("Host", "0.0.0.0"), ("Token", Token));
            using var client = app.CreateClient();

            using var page = await client.GetAsync($"/?token={Token}");
            using var styles = await client.GetAsync("/api/styles");

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AccessToken.CookieName + "=", System.StringComparison.Ordinal) && c.Contains("httponly", System.StringComparison.OrdinalIgnoreCase));
            Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
        }

        [Fact]
        public void ShouldMakeATokenForTheHomeNetworkAndPutItInTheAddress()
        {
            var options = new ServeOptions { Host = "0.0.0.0" }.Validated();
            var local = new ServeOptions().Validated();

            Assert.Matches("^[0-9a-f]{48}$", options.Token);
            Assert.EndsWith($":5000/?token={options.Token}", options.BrowserUrl(5000));
            Assert.Null(local.Token);
            Assert.Equal("http://127.0.0.1:5000/", local.BrowserUrl(5000));
            Assert.DoesNotContain(WebServer.AllowedHosts(local), h => h == "*");
        }

        [Fact]
        public void ShouldPrintOnlyATokenItMadeAndLocalhostFromInsideAContainer()
        {
            var supplied = new ServeOptions { Host = "0.0.0.0", Token = Token }.Validated();
            var made = new ServeOptions { Host = "0.0.0.0" }.Validated();

            Assert.False(supplied.TokenWasGenerated);
            Assert.DoesNotContain(Token, supplied.BrowserUrl(5000), System.StringComparison.Ordinal);
            Assert.True(made.TokenWasGenerated);
            Assert.Equal($"http://localhost:5000/?token={made.Token}", made.BrowserUrl(5000, inContainer: true));
        }

        [Fact]
        public async Task ShouldAnswerToThePublicNamesItIsGivenOnly()
        {
            using var plain = new WebApp(("Host", "0.0.0.0"), ("Token", Token));
            using var behindBalancer = new WebApp(("Host", "0.0.0.0"), ("Token", Token), ("AllowedHosts", "anime.test, other.test"));

            foreach (var (app, expected) in new[] { (plain, HttpStatusCode.BadRequest), (behindBalancer, HttpStatusCode.OK) })
            {
                using var client = app.CreateClient();
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/styles");
                request.Headers.Host = "anime.test";
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
                Assert.Equal(expected, (await client.SendAsync(request)).StatusCode);
            }
        }

        [Fact]
        public async Task ShouldBeNotReadyWithAnEmptyModelsFolderAndSaySoToConversions()
        {
            // A new, empty volume mounted at the models folder: the server is alive but cannot convert.
            using var empty = new TemporaryDirectory();
            using var app = new WebApp(("Models", empty.Path));
            using var client = app.CreateClient();

            using var ready = await client.GetAsync("/readyz");
            using var convert = await client.PostAsync("/api/convert", Uploads.Form(Uploads.Photo(TestFiles.Rickshaw, 64), "p.jpg"));
            using var chosen = await client.PostAsync("/api/convert", Uploads.Form(Uploads.Photo(TestFiles.Rickshaw, 64), "p.jpg", ("style", "shinkai")));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, convert.StatusCode);
            Assert.Contains("This server has no 'hayao' style installed", await convert.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(empty.Path, await convert.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // A style the client chose and the server lacks stays the client's to change.
            Assert.Equal(HttpStatusCode.BadRequest, chosen.StatusCode);
        }

        [Fact]
        public async Task ShouldOpenReadinessToProbesWithoutTheToken()
        {
            using var app = new WebApp(("Host", "0.0.0.0"), ("Token", Token));
            using var client = app.CreateClient();

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        }

        [Theory]
        [InlineData(null, false)]
        [InlineData("127.0.0.1", true)]
        [InlineData("127.0.0.0/8", true)]
        [InlineData("10.0.0.0/8", false)]
        public async Task ShouldSeeTheClientsSchemeOnlyThroughAKnownProxy(string? knownProxies, bool secure)
        {
            // A TLS-terminating proxy on 127.0.0.1 says https: the token cookie is then marked Secure. From anyone
            // else the header is ignored, since any client could send it.
            var settings = new List<(string, string)> { ("Host", "0.0.0.0"), ("Token", Token) };
            if (knownProxies != null)
                settings.Add(("KnownProxies", knownProxies));
            using var app = new WebApp(settings.ToArray());

            var context = await app.Server.SendAsync(request =>
            {
                request.Request.Method = "GET";
                request.Request.Path = "/";
                request.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString($"?token={Token}");
                request.Request.Headers.Host = "localhost";
                request.Request.Headers["X-Forwarded-Proto"] = "https";
                request.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
                request.Connection.RemoteIpAddress = IPAddress.Loopback;
            });

            var cookie = Assert.Single(context.Response.Headers.SetCookie.ToArray());
            Assert.Equal(secure, cookie!.Contains("secure", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(secure ? "203.0.113.7" : "127.0.0.1", context.Connection.RemoteIpAddress!.ToString());
        }
    }
}
