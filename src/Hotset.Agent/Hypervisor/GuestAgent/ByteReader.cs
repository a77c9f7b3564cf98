using System.Text;

namespace Hotset.Agent.Hypervisor.GuestAgent;

/// <summary>Buffered byte-level reading of the guest agent stream, where 0xFF delimiters sit between JSON lines.</summary>
internal sealed class ByteReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    /// <summary>Discards bytes up to and including the next <paramref name="delimiter"/>.</summary>
    public async Task SkipPastAsync(byte delimiter, CancellationToken ct)
    {
        while (true)
        {
            var at = Array.IndexOf(_buffer, delimiter, _start, _end - _start);
            if (at >= 0)
            {
                _start = at + 1;
                return;
            }

            _start = _end = 0;
            await FillAsync(ct);
        }
    }

    /// <summary>The next line (without its newline), decoded as UTF-8.</summary>
    public async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var line = new MemoryStream();
        while (true)
        {
            var at = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (at >= 0)
            {
                line.Write(_buffer, _start, at - _start);
                _start = at + 1;
                return Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
            }

            line.Write(_buffer, _start, _end - _start);
            _start = _end = 0;
            await FillAsync(ct);
        }
    }

    private async Task FillAsync(CancellationToken ct)
    {
        var n = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
        if (n == 0)
        {
            throw new IOException("the guest agent socket was closed.");
        }

        _end += n;
    }
}
