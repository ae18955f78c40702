using System.CommandLine;
using System.CommandLine.Parsing;
using AnimeGan.Cli.Console;
using AnimeGan.Core;
using AnimeGan.Core.Options;
using AnimeGan.Web.Hosting;

namespace AnimeGan.Cli.Commands
{
    /// <summary>`animegan serve`: the web page and HTTP API, until Ctrl+C. Declares the options, checks them into <see cref="ServeOptions"/> and hands them to the runner.</summary>
    internal static class ServeCommand
    {
        public static void Register(RootCommand root, CliConsole console)
        {
            var defaults = new ServeOptions();
            var port = new Option<int>("--port", "-p") { Description = $"Port to listen on (default {defaults.Port}; 0 picks a free one).", HelpName = "PORT", DefaultValueFactory = _ => defaults.Port }.Invariant(defaults.Port);
            var host = new Option<string>("--host") { Description = "Address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for the home network, which needs the printed token).", HelpName = "ADDRESS", DefaultValueFactory = _ => defaults.Host };
            var maxUpload = new Option<int>("--max-upload-mb") { Description = $"Largest upload accepted, in MB (default {defaults.MaxUploadMegabytes}).", HelpName = "N", DefaultValueFactory = _ => defaults.MaxUploadMegabytes }.Invariant(defaults.MaxUploadMegabytes);
            var jobs = new Option<int>("--jobs", "-j") { Description = $"Photos converted at once, {OptionLimits.MinJobs}-{OptionLimits.MaxJobs} (default {BatchDefaults.Jobs}: one per core); up to {defaults.QueueLimit} more wait.", HelpName = "N", DefaultValueFactory = _ => defaults.Jobs }.Invariant(defaults.Jobs);
            var maxMemory = new Option<int?>("--max-memory-mb") { Description = "Memory the conversions running at once may hold, in MB, by the engine's estimate; a bigger picture is refused, and one that does not fit beside those running is told to retry (default: 4096 per job, at most 60% of this machine's memory).", HelpName = "N" }.Invariant();
            var maxDisk = new Option<int?>("--max-disk-mb") { Description = "Disk space kept results may take, in MB: the oldest go first to make room, and a result that cannot fit alone is refused with 507 (default: half of the temporary folder's free space at start).", HelpName = "N" }.Invariant();
            var maxWorkingSize = new Option<int>("--max-working-size") { Description = $"Largest working size a request may ask for, in pixels (default {defaults.MaxWorkingSize}); larger requests are served at this size and told so.", HelpName = "PIXELS", DefaultValueFactory = _ => defaults.MaxWorkingSize }.Invariant(defaults.MaxWorkingSize);
            var token = new Option<string?>("--token") { Description = $"Access token to require, at least 16 characters with 8 different ones (default: ${TokenVariable}, else one is generated, and printed, when listening beyond this machine). Other users of this machine can read a command line: prefer ${TokenVariable} or --token-file. A token you set is never printed.", HelpName = "TOKEN" };
            var tokenFile = new Option<string?>("--token-file") { Description = $"Read the access token from a file, such as a container secret (default: ${TokenFileVariable}).", HelpName = "FILE" };

            var allowedHosts = new Option<string[]>("--allowed-hosts") { Description = "Public names to answer to besides this machine's own, comma-separated (the name a load balancer forwards, e.g. anime.example.com).", HelpName = "NAMES", AllowMultipleArgumentsPerToken = true, CustomParser = CommaSeparated };
            var forwardedHeaders = new Option<bool>("--forwarded-headers") { Description = "Believe X-Forwarded-For and X-Forwarded-Proto from the proxies in --known-proxies (default 127.0.0.1 and ::1), so the client's address and scheme are seen." };
            var knownProxies = new Option<string[]>("--known-proxies", "--known-networks") { Description = "The proxies' addresses or networks (10.0.0.0/8, for an ingress whose pods change address), comma-separated; implies --forwarded-headers.", HelpName = "ADDRESSES", AllowMultipleArgumentsPerToken = true, CustomParser = CommaSeparated };
            var drainSeconds = new Option<int>("--drain-seconds") { Description = $"On SIGTERM or Ctrl+C: report not ready (/readyz 503), refuse new conversions with 503, and let those in flight finish, and results not yet downloaded be fetched, for up to this long; then stop. Without it (and without --replica-id) the server waits up to {defaults.DrainSeconds} s for conversions only, and stops at once when none runs. A second Ctrl+C stops at once.", HelpName = "SECONDS", DefaultValueFactory = _ => defaults.DrainSeconds }.Invariant(defaults.DrainSeconds);

            var replicaId = new Option<string?>("--replica-id") { Description = "This server's name among replicas behind a load balancer (default: $ANIMEGAN_REPLICA_ID): job ids start with it and the animegan_replica cookie carries it, for sticky routing.", HelpName = "NAME", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ANIMEGAN_REPLICA_ID") is { Length: > 0 } fromEnvironment ? fromEnvironment : null };

            var precision = new Option<string?>("--precision") { Description = "The precision of requests that name none: auto (default: INT8 where this processor's verdict says it is faster and looks the same, see animegan styles), float or int8.", HelpName = "MODE" };

            var logFormat = new Option<string>("--log-format") { Description = "text (default: one line an event, UTC time) or json (one JSON object a line, for a log collector; the startup lines are events too).", HelpName = "FORMAT", DefaultValueFactory = _ => defaults.LogFormat };
            logFormat.AcceptOnlyFromAmong(ServeOptions.TextLogs, ServeOptions.JsonLogs);
            var noAccessLog = new Option<bool>("--no-access-log") { Description = "No line per request (method, path without its query, status, time, client address)." };

            var command = new Command(Name, "Serve the web page (upload, convert, download) and the HTTP API.") { port, host, maxUpload, jobs, maxMemory, maxDisk, maxWorkingSize, token, tokenFile, allowedHosts, forwardedHeaders, knownProxies, drainSeconds, replicaId, precision, logFormat, noAccessLog };
            command.SetAction(async (parseResult, cancellationToken) =>
            {
                ServeOptions options;
                try
                {
                    options = new ServeOptions
                    {
                        Host = parseResult.GetValue(host)!,
                        Port = parseResult.GetValue(port),
                        MaxUploadMegabytes = parseResult.GetValue(maxUpload),
                        Jobs = parseResult.GetValue(jobs),
                        MaxMemoryMegabytes = parseResult.GetValue(maxMemory),
                        MaxDiskMegabytes = parseResult.GetValue(maxDisk),
                        MaxWorkingSize = parseResult.GetValue(maxWorkingSize),
                        Token = Token(parseResult.GetValue(token), parseResult.GetValue(tokenFile)),
                        ModelsFolder = parseResult.GetValue(CommonOptions.ModelsFolder),
                        ShippedModelsFolder = CommonOptions.ShippedModelsFolder(),
                        AllowedHosts = parseResult.GetValue(allowedHosts) ?? Array.Empty<string>(),
                        KnownProxies = Proxies(parseResult.GetValue(forwardedHeaders), parseResult.GetValue(knownProxies)),
                        DrainSeconds = parseResult.GetValue(drainSeconds),
                        DrainSecondsGiven = parseResult.GetResult(drainSeconds) is { Implicit: false },
                        ReplicaId = parseResult.GetValue(replicaId),
                        Precision = ConvertArgs.ParsePrecision(parseResult.GetValue(precision)),
                        LogFormat = parseResult.GetValue(logFormat)!,
                        AccessLog = !parseResult.GetValue(noAccessLog),
                    }.Validated();
                }
                catch (ArgumentException ex)
                {
                    console.Fail(ex.Message);
                    return ExitCodes.Usage;
                }

                if (!string.IsNullOrEmpty(parseResult.GetValue(token)))
                    console.Error.WriteLine($"warning: a token given with --token can be read by every user of this machine (in the process list); set ${TokenVariable} or use --token-file instead.");

                return await new ServeRunner(console).RunAsync(options, cancellationToken).ConfigureAwait(false);
            });
            ExamplesHelpAction.Attach(
                command,
                "animegan serve                          # http://127.0.0.1:5000/ on this machine",
                "animegan serve --port 8080 --jobs 1",
                "animegan serve --host 0.0.0.0           # the home network; prints the address with its token",
                "animegan serve --host 0.0.0.0 --allowed-hosts anime.example.com --known-proxies 10.0.0.5   # behind a load balancer",
                "ANIMEGAN_TOKEN_FILE=/run/secrets/animegan animegan serve --host 0.0.0.0   # a container with a secret");
            root.Subcommands.Add(command);
        }

        /// <summary>The command's name; the command line leaves signals to the web host for it (see CliApp).</summary>
        public const string Name = "serve";

        /// <summary>The proxies whose forwarded headers are believed: those listed, or this machine's with --forwarded-headers alone.</summary>
        /// <exception cref="ArgumentException">An entry is not an IP address.</exception>
        private static System.Collections.Generic.IReadOnlyList<System.Net.IPNetwork> Proxies(bool forwardedHeaders, string[]? listed)
        {
            if (listed == null || listed.Length == 0)
                return forwardedHeaders ? new[] { ServeOptions.Only(System.Net.IPAddress.Loopback), ServeOptions.Only(System.Net.IPAddress.IPv6Loopback) } : Array.Empty<System.Net.IPNetwork>();
            return ServeOptions.ParseAddresses(listed);
        }

        /// <summary>Values given once comma-separated or as several arguments, split as configuration splits them.</summary>
        private static string[] CommaSeparated(ArgumentResult result)
            => result.Tokens.SelectMany(t => ServeOptions.SplitList(t.Value)).ToArray();

        /// <summary>The variable a container or service unit sets the token in.</summary>
        private const string TokenVariable = "ANIMEGAN_TOKEN";

        /// <summary>The variable naming a file that holds the token (a mounted secret).</summary>
        private const string TokenFileVariable = "ANIMEGAN_TOKEN_FILE";

        /// <summary>The token from --token, --token-file, then their variables; null lets the server generate one.</summary>
        /// <exception cref="ArgumentException">The token file cannot be read.</exception>
        private static string? Token(string? given, string? file)
        {
            if (!string.IsNullOrEmpty(given))
                return given;
            file ??= Environment.GetEnvironmentVariable(TokenFileVariable);
            if (!string.IsNullOrEmpty(file))
            {
                try
                {
                    return System.IO.File.ReadAllText(file).Trim();
                }
                catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
                {
                    throw new ArgumentException($"--token-file {file}: cannot read it ({ex.Message}).", ex);
                }
            }

            var fromEnvironment = Environment.GetEnvironmentVariable(TokenVariable);
            return string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment;
        }
    }
}
