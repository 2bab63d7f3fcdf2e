using System.Runtime.CompilerServices;
using System.Text;

namespace OrleansRealtime.Grains.Conversations.Models;

/// <summary>
/// Reads a <c>text/event-stream</c> body into the <c>data</c> of each event, as the server-sent events
/// specification says: <c>data:</c> lines of one event join with a newline, a blank line ends the event,
/// <c>:</c> lines are comments, and other fields (<c>event</c>, <c>id</c>, <c>retry</c>, or an unknown name)
/// are ignored. An I/O failure becomes a <see cref="ChatModelException"/>.
/// </summary>
internal static class SseEvents
{
    /// <summary>One event's data may not exceed this many characters (a chat delta is a few hundred).</summary>
    public const int MaxEventLength = 1 << 20;

    public static async IAsyncEnumerable<string> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var data = new StringBuilder();
        var hasData = false;
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new ChatModelException("The model's answer broke off.", ex);
            }

            if (line is null || line.Length == 0)
            {
                if (hasData)
                {
                    yield return data.ToString();
                    data.Clear();
                    hasData = false;
                }

                if (line is null)
                {
                    yield break;
                }

                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            if (field != "data")
            {
                continue;
            }

            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            if (hasData)
            {
                data.Append('\n');
            }

            data.Append(value);
            hasData = true;
            if (data.Length > MaxEventLength)
            {
                throw new ChatModelException("The model sent an event that is too large.");
            }
        }
    }
}
