using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// How `animegan serve` runs: where it listens, which models it uses, and its limits. Listening beyond
    /// this machine needs an access token, because anyone on the network could otherwise use it.
    /// </summary>
    public sealed record ServeOptions
    {
        /// <summary>The configuration section the app reads (also as --AnimeGan:Port=... on the command line).</summary>
        public const string Section = "AnimeGan";

        /// <summary>Gets the address to listen on; loopback unless asked.</summary>
        public string Host { get; init; } = "127.0.0.1";

        /// <summary>Gets the port; 0 picks a free one.</summary>
        public int Port { get; init; } = 5000;

        /// <summary>Gets the models folder; null resolves it as every front end does.</summary>
        public string? ModelsFolder { get; init; }

        /// <summary>Gets the folder of models shipped with the program, searched after <see cref="ModelsFolder"/>; null for none.</summary>
        public string? ShippedModelsFolder { get; init; }

        /// <summary>Gets the largest upload accepted, in megabytes.</summary>
        public int MaxUploadMegabytes { get; init; } = 50;

        /// <summary>Gets how many photos convert at once (the batch default: one per core).</summary>
        public int Jobs { get; init; } = BatchDefaults.Jobs;

        /// <summary>
        /// Gets the memory, in megabytes, that conversions running at once may hold by the engine's estimate; a
        /// picture that would need more is refused, and one that does not fit beside those running waits its turn
        /// (503, Retry-After). Null: 4 GB per conversion slot, at most 60% of the memory the process may use.
        /// </summary>
        public int? MaxMemoryMegabytes { get; init; }

        /// <summary>
        /// Gets the disk space, in megabytes, that kept results may take together: the oldest results go first to
        /// make room, and a result that cannot fit even alone is refused with 507. Null: half of the work folder's
        /// free space when the server starts.
        /// </summary>
        public int? MaxDiskMegabytes { get; init; }

        /// <summary>
        /// Gets the largest working size (the long side the model runs at) a request may ask for: memory and time
        /// grow with its square, so a request for more is served at this size, and told so.
        /// </summary>
        public int MaxWorkingSize { get; init; } = 2048;

        /// <summary>Gets how many conversions may wait for a free slot before new ones are turned away with 429.</summary>
        public int QueueLimit { get; init; } = 16;

        /// <summary>Gets the access token; null generates one when listening beyond loopback.</summary>
        public string? Token { get; init; }

        /// <summary>
        /// Gets whether the server made the token itself. Only such a token is ever printed: one the operator
        /// supplied is known to them already, and a log is read by more people than a secret is (kubectl logs).
        /// </summary>
        public bool TokenWasGenerated { get; init; }

        /// <summary>The fewest different characters a supplied token may have: 'aaaaaaaaaaaaaaaa' is long, not secret.</summary>
        public const int MinTokenDistinctCharacters = 8;

        /// <summary>
        /// Gets the public names the server answers to besides this machine's own (the name a load balancer
        /// forwards, for example anime.example); Host filtering refuses every other name.
        /// </summary>
        public IReadOnlyList<string> AllowedHosts { get; init; } = Array.Empty<string>();

        /// <summary>
        /// Gets the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, as networks (one address is a
        /// network of one): an ingress controller's pods change address within their cluster's range. Empty ignores
        /// those headers, since any client could send them.
        /// </summary>
        public IReadOnlyList<IPNetwork> KnownProxies { get; init; } = Array.Empty<IPNetwork>();

        /// <summary>
        /// Gets how long a stopping server lets conversions in flight finish (SIGTERM, Ctrl+C) while it
        /// reports not ready and turns new conversions away, so a load balancer moves traffic elsewhere
        /// without a failed request.
        /// </summary>
        public int DrainSeconds { get; init; } = 60;

        /// <summary>Gets whether --drain-seconds (or its setting) was given, asking for a full drain.</summary>
        public bool DrainSecondsGiven { get; init; }

        /// <summary>
        /// Gets whether stopping waits for results not yet downloaded too, and keeps its drain with nothing converting:
        /// what a replica behind a load balancer needs (its clients come back for their results). A server on its own,
        /// stopped by the person who runs it, waits only for conversions in flight.
        /// </summary>
        public bool DrainsFully => ReplicaId != null || DrainSecondsGiven;

        /// <summary>
        /// Gets this server's name among replicas behind one load balancer (r1, a pod's name); null alone.
        /// Job ids start with it and a cookie carries it, so the balancer routes a page's later requests to
        /// the replica that keeps its results, and another replica can say where a result was made.
        /// </summary>
        public string? ReplicaId { get; init; }

        /// <summary>
        /// Gets the precision a request runs in when its form names none (--precision): null for the engine's
        /// verdict per style. Float, for a server whose pictures must match another machine's exactly.
        /// </summary>
        public Precision? Precision { get; init; }

        /// <summary>
        /// Gets how log lines are written: <see cref="TextLogs"/> (one line an event, with a UTC time) for people,
        /// <see cref="JsonLogs"/> (one JSON object a line) for a log collector.
        /// </summary>
        public string LogFormat { get; init; } = TextLogs;

        /// <summary>The log format for people.</summary>
        public const string TextLogs = "text";

        /// <summary>The log format for collectors.</summary>
        public const string JsonLogs = "json";

        /// <summary>Gets whether every request gets an access log line (<see cref="AccessLog"/>).</summary>
        public bool AccessLog { get; init; } = true;

        /// <summary>Gets whether the address is this machine only (no token needed).</summary>
        public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

        /// <summary>Reads the options from configuration (section <see cref="Section"/>).</summary>
        public static ServeOptions From(IConfiguration configuration)
        {
            var section = configuration.GetSection(Section);
            var defaults = new ServeOptions();
            return new ServeOptions
            {
                Host = section["Host"] ?? defaults.Host,
                Port = Int(section["Port"], defaults.Port),
                ModelsFolder = section["Models"],
                MaxUploadMegabytes = Int(section["MaxUploadMb"], defaults.MaxUploadMegabytes),
                Jobs = Int(section["Jobs"], defaults.Jobs),
                QueueLimit = Int(section["QueueLimit"], defaults.QueueLimit),
                MaxMemoryMegabytes = section["MaxMemoryMb"] is string megabytes ? Int(megabytes, 0) : null,
                MaxDiskMegabytes = section["MaxDiskMb"] is string disk ? Int(disk, 0) : null,
                MaxWorkingSize = Int(section["MaxWorkingSize"], defaults.MaxWorkingSize),
                Token = section["Token"],
                DrainSeconds = Int(section["DrainSeconds"], defaults.DrainSeconds),
                DrainSecondsGiven = section["DrainSeconds"] != null,
                ReplicaId = section["ReplicaId"],
                LogFormat = section["LogFormat"] ?? defaults.LogFormat,
                AccessLog = section["AccessLog"] is string access ? bool.Parse(access) : defaults.AccessLog,
                Precision = section["Precision"] is string precision ? PrecisionNames.Parse(precision) ?? throw new ArgumentException($"--precision '{precision}' is not one of auto, float, int8.") : null,
                AllowedHosts = SplitList(section["AllowedHosts"]),
                KnownProxies = ParseAddresses(SplitList(section["KnownProxies"])),
            }.Validated();
        }

        /// <summary>Checks the ranges, and makes a token when one is needed and none was given.</summary>
        /// <exception cref="ArgumentException">A value is out of range; the message names the option.</exception>
        public ServeOptions Validated()
        {
            if (Port < 0 || Port > 65535)
                throw new ArgumentException($"--port must be between 0 and 65535, not {Port}.");
            if (MaxUploadMegabytes < 1 || MaxUploadMegabytes > 1024)
                throw new ArgumentException($"--max-upload-mb must be between 1 and 1024, not {MaxUploadMegabytes}.");
            if (Jobs < OptionLimits.MinJobs || Jobs > OptionLimits.MaxJobs)
                throw new ArgumentException($"--jobs must be between {OptionLimits.MinJobs} and {OptionLimits.MaxJobs}, not {Jobs}.");
            if (MaxMemoryMegabytes is int megabytes && (megabytes < 64 || megabytes > 16 * 1024 * 1024))
                throw new ArgumentException($"--max-memory-mb must be between 64 and {16 * 1024 * 1024}, not {megabytes}.");
            if (MaxDiskMegabytes is int diskMegabytes && (diskMegabytes < 1 || diskMegabytes > 64 * 1024 * 1024))
                throw new ArgumentException($"--max-disk-mb must be between 1 and {64 * 1024 * 1024}, not {diskMegabytes}.");
            if (MaxWorkingSize < OptionLimits.MinWorkingSize || MaxWorkingSize > OptionLimits.MaxWorkingSize)
                throw new ArgumentException($"--max-working-size must be between {OptionLimits.MinWorkingSize} and {OptionLimits.MaxWorkingSize}, not {MaxWorkingSize}.");
            if (QueueLimit < 0 || QueueLimit > 1000)
                throw new ArgumentException($"The queue limit must be between 0 and 1000, not {QueueLimit}.");
            if (Host != "localhost" && Host != "0.0.0.0" && Host != "::" && Uri.CheckHostName(Host.Trim('[', ']')) == UriHostNameType.Unknown)
                throw new ArgumentException($"--host '{Host}' is not a host name or address.");
            if (LogFormat != TextLogs && LogFormat != JsonLogs)
                throw new ArgumentException($"--log-format '{LogFormat}' is not one of {TextLogs}, {JsonLogs}.");
            if (DrainSeconds < 0 || DrainSeconds > 3600)
                throw new ArgumentException($"--drain-seconds must be between 0 and 3600, not {DrainSeconds}.");
            foreach (var name in AllowedHosts)
            {
                if (Uri.CheckHostName(name.Split(':')[0].Trim('[', ']')) == UriHostNameType.Unknown && !name.StartsWith("*.", StringComparison.Ordinal))
                    throw new ArgumentException($"--allowed-hosts '{name}' is not a host name.");
            }

            if (ReplicaId != null && !System.Text.RegularExpressions.Regex.IsMatch(ReplicaId, "^[a-z0-9][a-z0-9.]{0,62}$"))
                throw new ArgumentException($"--replica-id '{ReplicaId}' must be lower-case letters, digits and dots, at most 63 characters.");
            if (Token != null && Token.Length < 16)
                throw new ArgumentException("--token must be at least 16 characters long.");
            if (Token != null && Token.Distinct().Count() < MinTokenDistinctCharacters)
                throw new ArgumentException($"--token is too easy to guess: it needs at least {MinTokenDistinctCharacters} different characters (leave it out, and the server makes a random one).");
            return Token == null && !IsLoopback ? this with { Token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant(), TokenWasGenerated = true } : this;
        }

        /// <summary>
        /// Gets the address to print for a browser: with the token only when the server made it. Listening on
        /// every address, it names this machine, or, in a container (whose own name means nothing outside it),
        /// localhost: the address that works where the port is published.
        /// </summary>
        public string BrowserUrl(int boundPort, bool inContainer = false)
        {
            var everyAddress = Host is "0.0.0.0" or "::";
            var host = everyAddress ? (inContainer ? "localhost" : Environment.MachineName.ToLowerInvariant()) : Host.Contains(':') && !Host.StartsWith('[') ? $"[{Host}]" : Host;
            var url = string.Create(CultureInfo.InvariantCulture, $"http://{host}:{boundPort}/");
            return TokenWasGenerated ? url + "?token=" + Token : url;
        }

        /// <summary>Gets whether this process runs in a container (podman writes /run/.containerenv, Docker /.dockerenv).</summary>
        public static bool RunsInContainer() => File.Exists("/run/.containerenv") || File.Exists("/.dockerenv");

        /// <summary>Splits a comma-separated setting (allowed hosts, known proxies), as a command line or configuration writes it.</summary>
        public static IReadOnlyList<string> SplitList(string? value)
            => value == null ? Array.Empty<string>() : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        /// <summary>Reads the known proxies: addresses (10.0.0.5) or networks in CIDR notation (10.0.0.0/8).</summary>
        /// <exception cref="ArgumentException">An entry is neither; the message names it.</exception>
        public static IReadOnlyList<IPNetwork> ParseAddresses(IEnumerable<string> texts)
            => texts.Select(ParseNetwork).ToList();

        /// <summary>One address as the network of that address alone.</summary>
        public static IPNetwork Only(IPAddress address) => new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);

        private static IPNetwork ParseNetwork(string text)
        {
            if (text.Contains('/', StringComparison.Ordinal))
                return IPNetwork.TryParse(text, out var network) ? network : throw new ArgumentException($"--known-proxies '{text}' is not a network in CIDR notation (for example 10.0.0.0/8).");
            return IPAddress.TryParse(text, out var address) ? Only(address) : throw new ArgumentException($"--known-proxies '{text}' is not an IP address or a network (10.0.0.0/8).");
        }

        private static int Int(string? value, int fallback)
            => value == null ? fallback : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new ArgumentException($"'{value}' is not a whole number.");
    }
}
