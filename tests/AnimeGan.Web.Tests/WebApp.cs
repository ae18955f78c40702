using System.Threading.Channels;
using AnimeGan.Web.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnimeGan.Web.Tests
{
    /// <summary>
    /// The web app with the test models and chosen settings; everything else is the app's own. With
    /// <see cref="OnLoopback"/> it runs on real Kestrel at 127.0.0.1 (for browsers and the load test).
    /// </summary>
    public sealed class WebApp : WebApplicationFactory<Program>
    {
        private readonly Dictionary<string, string?> _settings;
        private readonly Channel<string> _endedRequests = Channel.CreateUnbounded<string>();

        public WebApp(params (string Key, string Value)[] settings)
        {
            // No drain unless a test asks for one: stopping a test server waits for nothing.
            _settings = new Dictionary<string, string?> { ["AnimeGan:Models"] = TestModels.Folder, ["AnimeGan:Port"] = "0", ["AnimeGan:DrainSeconds"] = "0" };
            foreach (var (key, value) in settings)
                _settings["AnimeGan:" + key] = value;
        }

        /// <summary>Starts the app on real Kestrel at 127.0.0.1 on a free port.</summary>
        public static WebApp OnLoopback(params (string Key, string Value)[] settings)
        {
            // Kestrel told to listen on a free loopback port. UseKestrel(port) would instead rewrite the server's
            // addresses after the app has started binding them, a race that can throw (dotnet/aspnetcore#67714).
            var app = new WebApp(settings);
            app.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
            app.StartServer();
            return app;
        }

        /// <summary>Gets the address of the loopback server.</summary>
        public Uri Address => ClientOptions.BaseAddress;

        /// <summary>Gets the server's store of temporary files and kept results.</summary>
        internal JobStore Store => Services.GetRequiredService<JobStore>();

        /// <summary>
        /// Waits until the server has ended a request to <paramref name="path"/>: its handler and every cleanup in
        /// it have run. A test that lets a client go awaits this instead of polling for the effects.
        /// </summary>
        public async Task RequestEndedAsync(string path)
        {
            while (await _endedRequests.Reader.ReadAsync() != path)
            {
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new EndedRequests(_endedRequests.Writer)));
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }
    }

    /// <summary>Tells a channel the path of every request the server has finished with, first in the pipeline.</summary>
    internal sealed class EndedRequests : IStartupFilter
    {
        private readonly ChannelWriter<string> _ended;

        public EndedRequests(ChannelWriter<string> ended) => _ended = ended;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, rest) =>
            {
                try
                {
                    await rest(context);
                }
                finally
                {
                    _ended.TryWrite(context.Request.Path.Value ?? "");
                }
            });
            next(app);
        };
    }
}
