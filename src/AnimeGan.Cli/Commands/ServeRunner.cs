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
            var store = new ModelStore(options.ModelsFolder);
            if (store.Installed(ModelKind.Style).Count == 0)
                _console.Error.WriteLine($"warning: no style is installed in {store.Folder}; install them with 'animegan models install --all' or 'animegan models install --from <folder>'.");

            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
            await using var app = WebServer.Build(builder, options);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (System.IO.IOException ex)
            {
                _console.Fail($"cannot listen on {options.Host}:{options.Port} ({ex.Message}).");
                return ExitCodes.Failed;
            }

            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).First();
            var inContainer = ServeOptions.RunsInContainer();
            _console.Out.WriteLine($"AnimeGan is serving at {options.BrowserUrl(bound, inContainer)}");
            if (inContainer && !options.IsLoopback)
                _console.Out.WriteLine($"(In a container: from its host, use the port published for {bound}.)");
            if (options.TokenWasGenerated)
                _console.Out.WriteLine($"Open that address (it carries the access token) on any device of your network; API clients send 'Authorization: Bearer {options.Token}'.");
            else if (options.Token != null)
                _console.Out.WriteLine("It needs the access token you set: open the address with ?token=<token>, or send 'Authorization: Bearer <token>'.");
            _console.Out.WriteLine("Press Ctrl+C to stop.");

            // The host's own signal handling (SIGTERM, Ctrl+C) ends the wait; stopping then drains first.
            var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (app.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult()))
            using (cancellationToken.Register(() => stopping.TrySetResult()))
                await stopping.Task.ConfigureAwait(false);

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            _console.Out.WriteLine("Stopped.");
            return ExitCodes.Success;
        }
    }
}
