using System.Text;

namespace Hotset.Engine.Tests.Api.Hardening;

/// <summary>
/// Turns a valid XML or JSON body into a hostile one, reproducibly from a seed: truncation, byte flips, duplicated and
/// deleted spans, deep nesting, huge numbers, invalid UTF-8, NULs and unknown elements, one to three at a time.
/// </summary>
internal sealed class BodyMutator(int seed)
{
    private static readonly byte[][] InvalidUtf8 = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];
    private static readonly string[] HugeNumbers = ["99999999999999999999999999", "-9223372036854775809", "1e999", "0x7fffffff", "4294967297", "1.5"];
    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] body, bool json)
    {
        var bytes = new List<byte>(body);
        for (var i = _random.Next(1, 4); i > 0; i--)
        {
            Apply(bytes, json, _random.Next(9));
        }

        return [.. bytes];
    }

    private void Apply(List<byte> bytes, bool json, int kind)
    {
        var at = _random.Next(bytes.Count + 1);
        switch (kind)
        {
            case 0:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 1 when bytes.Count > 0:
                var flip = _random.Next(bytes.Count);
                bytes[flip] ^= (byte)(1 << _random.Next(8));
                break;
            case 2:
                var length = Math.Min(_random.Next(1, 40), bytes.Count - at);
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
            case 3:
                bytes.RemoveRange(at, Math.Min(_random.Next(1, 20), bytes.Count - at));
                break;
            case 4:
                var depth = _random.Next(2) == 0 ? _random.Next(20, 40) : _random.Next(1000, 20000);
                var open = json ? "{\"a\":" : "<a>";
                var close = json ? "}" : "</a>";
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Repeat(open, depth) + Repeat(close, depth)));
                break;
            case 5:
                ReplaceNumber(bytes);
                break;
            case 6:
                bytes.InsertRange(at, InvalidUtf8[_random.Next(InvalidUtf8.Length)]);
                break;
            case 7:
                bytes.Insert(at, 0);
                break;
            default:
                var first = json ? bytes.IndexOf((byte)'{') : bytes.IndexOf((byte)'>');
                var unknown = json ? "\"no_such_element\":{\"x\":1}," : "<no_such_element><x>1</x></no_such_element>";
                bytes.InsertRange(first < 0 ? at : first + 1, Encoding.UTF8.GetBytes(unknown));
                break;
        }
    }

    private void ReplaceNumber(List<byte> bytes)
    {
        var start = bytes.FindIndex(_random.Next(bytes.Count + 1), b => b is >= (byte)'0' and <= (byte)'9');
        if (start < 0)
        {
            start = bytes.FindIndex(b => b is >= (byte)'0' and <= (byte)'9');
        }

        if (start >= 0)
        {
            var end = start;
            while (end < bytes.Count && bytes[end] is >= (byte)'0' and <= (byte)'9')
            {
                end++;
            }

            bytes.RemoveRange(start, end - start);
            bytes.InsertRange(start, Encoding.UTF8.GetBytes(HugeNumbers[_random.Next(HugeNumbers.Length)]));
        }
    }

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();
}
