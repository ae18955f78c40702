using System.Net;
using System.Net.NetworkInformation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// Builds the web app: services, limits and the request pipeline. Every limit comes from the framework's
    /// own parts (Kestrel's limits and minimum data rate, a concurrency limiter for the conversion slots,
    /// problem details), so nothing is hand-counted; the conversions themselves go through the engine's batch service.
    /// </summary>
    public static class WebServer
    {
        /// <summary>The slowest upload accepted, in bytes per second, averaged by Kestrel after a grace period.</summary>
        public const int MinUploadBytesPerSecond = 4096;

        /// <summary>The seconds a client told "busy" is asked to wait.</summary>
        public const int RetryAfterSeconds = 5;

        /// <summary>Configures the builder and builds the app.</summary>
        /// <param name="builder">The builder.</param>
        /// <param name="options">The settings (the CLI's); null reads them from configuration section <see cref="ServeOptions.Section"/> when the app starts, as tests and a direct run set them.</param>
        public static WebApplication Build(WebApplicationBuilder builder, ServeOptions? options = null)
        {
            ArgumentNullException.ThrowIfNull(builder);
            NativeHeap.LimitArenas();
            var listen = options ?? ServeOptions.From(builder.Configuration);
            builder.WebHost.UseUrls($"http://{(listen.Host.Contains(':') && !listen.Host.StartsWith('[') ? $"[{listen.Host}]" : listen.Host)}:{listen.Port}");
            ConfigureLogging(builder.Logging, listen);
            if (options != null)
                builder.Services.AddSingleton(options);
            else
                builder.Services.AddSingleton(services => ServeOptions.From(services.GetRequiredService<IConfiguration>()));

            builder.Services.AddOptions<KestrelServerOptions>().Configure<ServeOptions>((kestrel, serve) =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = UploadLimit(serve);
                // An upload trickling in holds a connection and a private file, though no conversion slot; one slower
                // than this (after a grace period for a phone's radio to wake) is cut off with 408.
                kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(MinUploadBytesPerSecond, TimeSpan.FromSeconds(10));
                // A download read more slowly than that is cut off too: it holds no slot, but a connection and a file.
                kestrel.Limits.MinResponseDataRate = new MinDataRate(MinUploadBytesPerSecond, TimeSpan.FromSeconds(10));
            });
            // HostGate checks the Host with problem details; the framework's own filter, which answers with an HTML
            // page and runs before anything else, lets every request through to it.
            builder.Services.AddOptions<HostFilteringOptions>().Configure(hosts =>
            {
                hosts.AllowedHosts = new List<string> { "*" };
                hosts.AllowEmptyHosts = true;
            });
            builder.Services.AddOptions<FormOptions>().Configure<ServeOptions>((form, serve) =>
            {
                form.MultipartBodyLengthLimit = UploadLimit(serve);
                form.ValueCountLimit = 32;
                form.MultipartHeadersLengthLimit = 16 * 1024;
            });
            builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<ServeOptions>((forwarded, serve) =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                // The framework trusts loopback by default; here only the proxies named are trusted.
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the older list of networks still holds loopback unless emptied as well
                forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
                foreach (var proxy in serve.KnownProxies)
                    forwarded.KnownIPNetworks.Add(proxy);
            });
            builder.Services.AddOptions<HostOptions>().Configure<ServeOptions>((host, serve) => host.ShutdownTimeout = TimeSpan.FromSeconds(serve.DrainSeconds + 15));
            builder.Services.AddSingleton<Drain>();
            builder.Services.AddHostedService(services => services.GetRequiredService<Drain>());
            // A query value or body that does not parse is answered as problem details naming the parameter
            // ('Failed to bind parameter "double? strength" from "abc"'), not an empty 400.
            builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
            builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
            {
                if (context.Exception is Microsoft.AspNetCore.Http.BadHttpRequestException bad)
                {
                    context.HttpContext.Response.StatusCode = bad.StatusCode;
                    context.ProblemDetails.Status = bad.StatusCode;
                    context.ProblemDetails.Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "Bad parameter" : context.ProblemDetails.Title;
                    context.ProblemDetails.Detail = bad.Message;
                }
            });
            builder.Services.AddSingleton<ConversionSlots>();
            builder.Services.AddSingleton<DownloadSlots>();
            builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
            builder.Services.AddSingleton(services =>
            {
                var serve = services.GetRequiredService<ServeOptions>();
                // A server waits between conversions of every size: its model runs give their memory back as they end.
                return new AnimeGanEngine(ModelStore.WithShipped(serve.ModelsFolder, serve.ShippedModelsFolder), BatchDefaults.ThreadsPerRun(serve.Jobs), Core.Inference.MemoryArena.ShrunkAfterEachRun);
            });
            builder.Services.AddSingleton(services => new JobStore(services.GetRequiredService<ServeOptions>()));
            builder.Services.AddHostedService<JobExpiry>();
            builder.Services.AddSingleton<StylePreviews>();
            builder.Services.AddHostedService(services => services.GetRequiredService<StylePreviews>());
            builder.Services.AddSingleton<StageHold>();

            var app = builder.Build();
            UsePipeline(app);
            MapEndpoints(app);

            // Stopping cancels running conversions (see UploadConversion.Token); the job store, disposed with the
            // app once every request has ended, then removes all temporary files.
            return app;
        }

        /// <summary>
        /// One line an event, whichever the format: the console logger's default splits each event over two lines,
        /// which a log collector reads as two events. Times are UTC, as a collector compares them across machines.
        /// </summary>
        private static void ConfigureLogging(ILoggingBuilder logging, ServeOptions options)
        {
            logging.ClearProviders();
            if (options.LogFormat == ServeOptions.JsonLogs)
            {
                logging.AddJsonConsole(json =>
                {
                    json.UseUtcTimestamp = true;
                    json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                    json.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
                });
            }
            else
            {
                logging.AddSimpleConsole(text =>
                {
                    text.SingleLine = true;
                    text.UseUtcTimestamp = true;
                    text.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
                });
            }

            logging.AddFilter(AccessLog.Category, options.AccessLog ? LogLevel.Information : LogLevel.None);
            logging.AddFilter(ServeLog.Category, LogLevel.Information);
            // A start that fails is said once, in one sentence, by whoever started the host (the CLI's error line),
            // not also as the host's own stack trace.
            logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        }

        /// <summary>The middleware, in the order a request meets it: who may ask, then whether it may start work.</summary>
        private static void UsePipeline(WebApplication app)
        {
            app.UseMiddleware<AccessLog>();
            // Forwarded headers only from the proxies named: the middleware, given no proxy at all, would believe
            // every client, so without --known-proxies it is not in the pipeline.
            app.UseWhen(context => context.RequestServices.GetRequiredService<ServeOptions>().KnownProxies.Count > 0, proxied => proxied.UseForwardedHeaders());
            // No other site may frame the page (clickjacking), and no browser may guess a type the server did not send.
            app.Use((context, next) =>
            {
                context.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'self'";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return next(context);
            });
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            app.UseMiddleware<HostGate>();
            app.UseMiddleware<SameOriginGate>();
            app.UseMiddleware<AccessToken>();
            app.UseMiddleware<DrainGate>();

            var page = new EmbeddedFileProvider(typeof(WebServer).Assembly, "AnimeGan.Web.wwwroot");
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = page });
        }

        private static void MapEndpoints(WebApplication app)
        {
            app.MapGet(AccessToken.HealthPath, () => TypedResults.Ok(new { status = "ok" }));
            // Ready means able to convert: a server whose models folder holds no style (a new, empty volume) is not.
            app.MapGet(AccessToken.ReadyPath, (Drain drain, AnimeGanEngine engine) => drain.Draining
                ? Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Stopping", detail: "This server is stopping; send new work to another.")
                : !engine.Store.IsInstalled(engine.Store.Manifest.Get(engine.Store.Manifest.DefaultStyleId))
                    ? Problems.NotReady(engine.Store)
                    : Results.Ok(new { status = "ready" }));
            app.MapGroup("/api/styles").MapStyles();
            app.MapGroup("/api/detail-levels").MapDetailLevels();
            app.MapGroup("/api/convert").MapConvert();
            app.MapGroup("/api/jobs").MapJobs();
        }

        /// <summary>The request body limit: the upload limit and room for the form's other fields.</summary>
        private static long UploadLimit(ServeOptions serve) => ((long)serve.MaxUploadMegabytes * 1024 * 1024) + (64 * 1024);

        /// <summary>
        /// The Host headers accepted: this machine's names, and the configured host. Listening on every
        /// interface adds this machine's own addresses, so a phone can use its IP; a name a page elsewhere
        /// points here (DNS rebinding) is never among them.
        /// </summary>
        public static IReadOnlyList<string> AllowedHosts(ServeOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
            hosts.AddRange(options.AllowedHosts);
            if (options.Host is "0.0.0.0" or "::")
            {
                hosts.Add(Environment.MachineName.ToLowerInvariant());
                foreach (var address in NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address))
                    hosts.Add(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString());
            }
            else
            {
                hosts.Add(IPAddress.TryParse(options.Host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{options.Host}]" : options.Host);
            }

            return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }
    }
}
