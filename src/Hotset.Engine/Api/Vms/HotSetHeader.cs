using System.Globalization;
using System.Text;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// The <c>Hotset-Cpu-Hot-Set</c> response header of <c>PUT /vms/{id}</c>: what the CPU hot-set child step did, so API
/// users need not read events. Form: <c>applied; previous=2; requested=4</c>, <c>failed; previous=2; requested=4;
/// message="…"</c> or <c>next_run; previous=2; requested=4[; message="…"]</c>. Absent when the update did not change CPUs.
/// </summary>
public static class HotSetHeader
{
    public const string Name = "Hotset-Cpu-Hot-Set";

    public static string Format(HotSetOutcome outcome)
    {
        var result = outcome.Result switch
        {
            HotSetResult.Applied => "applied",
            HotSetResult.Failed => "failed",
            _ => "next_run",
        };
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{result}; previous={outcome.PreviousCpus}; requested={outcome.RequestedCpus}");
        return string.IsNullOrEmpty(outcome.Message) ? text : text + "; message=\"" + Sanitize(outcome.Message) + "\"";
    }

    // Header values must be visible ASCII: other characters become '?', quotes and line breaks are replaced.
    private static string Sanitize(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var c in message)
        {
            builder.Append(c switch
            {
                '"' => '\'',
                '\\' => '/',
                '\r' or '\n' or '\t' => ' ',
                < ' ' or > '~' => '?',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
