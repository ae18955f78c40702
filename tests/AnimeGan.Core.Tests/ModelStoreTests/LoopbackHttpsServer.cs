using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AnimeGan.Core.Tests.ModelStoreTests
{
    /// <summary>
    /// A real HTTPS server on 127.0.0.1 with a self-signed certificate, answering each GET from a function of
    /// its path, so downloads go through the whole TLS and HTTP stack without leaving the machine.
    /// </summary>
    internal sealed class LoopbackHttpsServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly X509Certificate2 _certificate;
        private readonly Func<string, Response> _respond;
        private readonly Task _serving;

        public LoopbackHttpsServer(Func<string, Response> respond)
        {
            _respond = respond;
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
            _certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
            _listener.Start();
            _serving = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public Uri Url(string path) => new Uri($"https://127.0.0.1:{Port}/{path}");

        /// <summary>A client that trusts exactly this server's certificate (and no other untrusted one).</summary>
        public HttpClient CreateClient()
        {
            var thumbprint = _certificate.Thumbprint;
            return new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None || certificate?.Thumbprint == thumbprint,
            });
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                _serving.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }

            _certificate.Dispose();
            _stop.Dispose();
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException || ex is SocketException || ex is ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(() => AnswerAsync(client));
            }
        }

        private async Task AnswerAsync(TcpClient client)
        {
            using (client)
            using (var tls = new SslStream(client.GetStream()))
            {
                try
                {
                    await tls.AuthenticateAsServerAsync(_certificate);
                    using var reader = new StreamReader(tls, Encoding.ASCII, false, 1024, leaveOpen: true);
                    var requestLine = await reader.ReadLineAsync() ?? "";
                    while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
                    {
                    }

                    var parts = requestLine.Split(' ');
                    var response = _respond(parts.Length > 1 ? parts[1].TrimStart('/') : "");
                    var head = new StringBuilder()
                        .Append($"HTTP/1.1 {response.Status} {response.Reason}\r\n")
                        .Append($"Content-Length: {response.Body.Length}\r\n")
                        .Append("Connection: close\r\n");
                    if (response.Location != null)
                        head.Append($"Location: {response.Location}\r\n");
                    await tls.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
                    await tls.WriteAsync(response.Body);
                    await tls.FlushAsync();
                }
                catch (Exception ex) when (ex is IOException || ex is System.Security.Authentication.AuthenticationException)
                {
                    // A client that gave up mid-answer; nothing to do on the server side.
                }
            }
        }

        public sealed record Response(int Status, string Reason, byte[] Body, string? Location = null)
        {
            public static Response Ok(byte[] body) => new Response(200, "OK", body);

            public static Response NotFound() => new Response(404, "Not Found", Encoding.ASCII.GetBytes("no such model"));
        }
    }
}
