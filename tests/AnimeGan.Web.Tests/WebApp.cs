using System;
using System.Collections.Generic;
using AnimeGan.Tests;
using AnimeGan.Web.Jobs;
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
            var app = new WebApp(settings);
            app.UseKestrel(0);
            app.StartServer();
            return app;
        }

        /// <summary>Gets the address of the loopback server.</summary>
        public Uri Address => ClientOptions.BaseAddress;

        /// <summary>Gets the server's store of temporary files and kept results.</summary>
        internal JobStore Store => Services.GetRequiredService<JobStore>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }
    }
}
