using System.Globalization;
using System.Text;
using System.Xml;

namespace Hotset.Engine.Api.Representations;

/// <summary>
/// Text from a request body that may end up in an answer, which must stay writable as XML 1.0: no NULs, other control
/// characters or lone surrogates.
/// </summary>
public static class InputText
{
    /// <summary>Whether every character of <paramref name="text"/> can be written in an XML document.</summary>
    public static bool IsXmlText(string text) => FirstInvalid(text, 0) < 0;

    /// <summary><paramref name="text"/> with each character XML cannot carry written as <c>\u0000</c>.</summary>
    public static string Printable(string text)
    {
        var bad = FirstInvalid(text, 0);
        if (bad < 0)
        {
            return text;
        }

        var printable = new StringBuilder(text.Length + 16);
        var from = 0;
        for (; bad >= 0; bad = FirstInvalid(text, from))
        {
            printable.Append(text, from, bad - from).Append(CultureInfo.InvariantCulture, $"\\u{(int)text[bad]:x4}");
            from = bad + 1;
        }

        return printable.Append(text, from, text.Length - from).ToString();
    }

    private static int FirstInvalid(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                continue;
            }

            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }
}
