namespace AnimeGan.Web.Apis
{
    /// <summary>
    /// The response body as a zip archive writes it. Even with .NET 10's asynchronous zip methods, an entry's
    /// stream still writes its data descriptor synchronously when it is disposed (ZipArchiveEntry's
    /// DirectToArchiveWriterStream.Dispose calls WriteDataDescriptor), which Kestrel refuses. Those few
    /// synchronous bytes wait here and go out with the next asynchronous write, so the zip streams without
    /// blocking a thread and without being built in memory.
    /// </summary>
    internal sealed class ZipResponseStream : Stream
    {
        private readonly Stream _body;
        private readonly MemoryStream _pending = new MemoryStream();
        private long _position;

        public ZipResponseStream(Stream body) => _body = body;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            _pending.Write(buffer, offset, count);
            _position += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            await _body.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            _position += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_pending.Length > 0)
            {
                await _body.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken).ConfigureAwait(false);
                _pending.SetLength(0);
            }

            await _body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public override void Flush()
        {
            // Synchronous flushes wait for the next asynchronous write or FlushAsync.
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _pending.Dispose();
            base.Dispose(disposing);
        }
    }
}
