namespace AnimeGan.Web.Jobs
{
    /// <summary>
    /// A file being encoded for one client: each write first checks that the client is still there, so an encoder
    /// writing for a client that has gone (a download abandoned half-way) stops at its next write instead of
    /// finishing a file nobody will read. The encoder reports the stop as a failed write.
    /// </summary>
    internal sealed class AbandonableStream : Stream
    {
        private readonly Stream _inner;
        private readonly CancellationToken _clientGone;

        public AbandonableStream(Stream inner, CancellationToken clientGone)
        {
            _inner = inner;
            _clientGone = clientGone;
        }

        public override bool CanRead => false;

        public override bool CanSeek => _inner.CanSeek;

        public override bool CanWrite => true;

        public override long Length => _inner.Length;

        public override long Position
        {
            get => _inner.Position;
            set => _inner.Position = value;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            _clientGone.ThrowIfCancellationRequested();
            _inner.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _clientGone.ThrowIfCancellationRequested();
            _inner.Write(buffer);
        }

        public override void Flush() => _inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

        public override void SetLength(long value) => _inner.SetLength(value);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
