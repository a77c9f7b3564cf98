namespace Hotset.Engine.Tests.Api.Hardening;

/// <summary>
/// <paramref name="length"/> bytes of <c>&lt;vm&gt;&lt;description&gt;aaa…</c> made while read, so a test can send a
/// huge body without holding it in memory itself.
/// </summary>
internal sealed class FillerStream(long length) : Stream
{
    private static readonly byte[] Head = "<vm><description>"u8.ToArray();
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++)
        {
            var at = _position + i;
            buffer[i] = at < Head.Length ? Head[at] : (byte)'a';
        }

        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
