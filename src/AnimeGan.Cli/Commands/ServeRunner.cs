using AnimeGan.Cli.Console;
using AnimeGan.Core.Models;
using AnimeGan.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnimeGan.Cli.Commands
{
    /// <summary>Runs `animegan serve`: starts the web host with checked options, says where it listens, and stops it on a signal.</summary>
    internal sealed class ServeRunner
    {
        private readonly CliConsole _console;

        public ServeRunner(CliConsole console) => _console = console;

        public async Task<int> RunAsync(ServeOptions options, CancellationToken cancellationToken)
        {
            var store = CommonOptions.Store(options.ModelsFolder);
            // Not ready until the default style is there (/readyz answers 503, and so do conversions that name no style).
            var defaultStyle = store.Manifest.Get(store.Manifest.DefaultStyleId);
            if (store.Installed(ModelKind.Style).Count == 0)
                _console.Error.WriteLine($"warning: no style is installed in {store.Folder}; the server is not ready until one is: install them with 'animegan models install --all' or 'animegan models install --from <folder>'.");
            else if (!store.IsInstalled(defaultStyle))
                _console.Error.WriteLine($"warning: the default style '{defaultStyle.Id}' is not installed in {store.Folder}; the server is not ready (/readyz 503) until it is: animegan models install {defaultStyle.Id}.");

            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
            await using var app = WebServer.Build(builder, options);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (System.IO.IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || ex.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
            {
                _console.Fail($"cannot listen on {options.Host}:{options.Port} ({ex.Message}).");
                return ExitCodes.Failed;
            }
            catch (System.IO.IOException ex)
            {
                _console.Fail($"cannot start: {ex.Message}");
                return ExitCodes.Failed;
            }

            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).First();
            // With JSON logs every line on the output is an event, the announcements too.
            var announcements = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ServeLog.Category);
            Action<string> say = options.LogFormat == ServeOptions.JsonLogs ? line => announcements.LogInformation("{Announcement}", line) : _console.Out.WriteLine;
            var inContainer = ServeOptions.RunsInContainer();
            say($"AnimeGan is serving at {options.BrowserUrl(bound, inContainer)}");
            if (inContainer && !options.IsLoopback)
                say($"(In a container: from its host, use the port published for {bound}.)");
            if (options.TokenWasGenerated)
                say($"Open that address (it carries the access token) on any device of your network; API clients send 'Authorization: Bearer {options.Token}'.");
            else if (options.Token != null)
                say("It needs the access token you set: open the address with ?token=<token>, or send 'Authorization: Bearer <token>'.");
            say("Press Ctrl+C to stop.");

            // The host's own signal handling (SIGTERM, Ctrl+C) ends the wait; stopping then drains first.
            var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (app.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult()))
            using (cancellationToken.Register(() => stopping.TrySetResult()))
                await stopping.Task.ConfigureAwait(false);

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            say("Stopped.");
            return ExitCodes.Success;
        }
    }
}
