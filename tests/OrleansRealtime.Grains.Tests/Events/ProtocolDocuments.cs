using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrleansRealtime.Grains.Tests.Events;

/// <summary>
/// Reads the JSON examples out of the four protocol documents: every <c>```json</c> block that is an
/// envelope (<c>{"type": …, "data": …}</c>), and document 001's bare Socket.IO payloads, named by the
/// <c>**Event**: `name`</c> line above them. <c>//</c> comments in the examples are stripped.
/// </summary>
public static partial class ProtocolDocuments
{
    private static readonly Lazy<IReadOnlyList<DocumentExample>> Cache = new(Load);

    public static IReadOnlyList<DocumentExample> Examples => Cache.Value;

    private static IReadOnlyList<DocumentExample> Load()
    {
        var examples = new List<DocumentExample>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Seeds, "0*.txt").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            string? lastSocketIoEvent = null;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var eventLine = SocketIoEventLine().Match(lines[i]);
                if (eventLine.Success)
                {
                    lastSocketIoEvent = eventLine.Groups[1].Value;
                    continue;
                }

                if (lines[i].Trim() == "```python")
                {
                    for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
                    {
                        if (PythonPublish().IsMatch(lines[i]) && PythonDict(lines, i) is JsonObject sent && sent["type"]?.GetValue<string>() is { } sentType)
                        {
                            examples.Add(new DocumentExample(name, sentType, false, sent["data"], sent));
                        }
                    }

                    continue;
                }

                if (lines[i].Trim() != "```json")
                {
                    continue;
                }

                var block = new StringBuilder();
                for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
                {
                    block.AppendLine(lines[i]);
                }

                var text = block.ToString();
                if (text.Contains("\"event_type\"", StringComparison.Ordinal))
                {
                    continue; // document 002's generic structure ("...payload..."), not an event
                }

                var node = JsonNode.Parse(StripComments(text));
                // Under an "**Event**:" line a block is a bare Socket.IO payload, even one with a "type"
                // field (document 001's notification); elsewhere it is an envelope.
                if (lastSocketIoEvent is not null)
                {
                    examples.Add(new DocumentExample(name, lastSocketIoEvent, true, node, null));
                    lastSocketIoEvent = null;
                }
                else if (node is JsonObject envelope && envelope["type"] is JsonValue type && type.TryGetValue<string>(out var typeName))
                {
                    examples.Add(new DocumentExample(name, typeName, false, envelope["data"], envelope));
                }
            }
        }

        return examples;
    }

    /// <summary>
    /// The dict literal passed to <c>send_to_user(…)</c> or <c>broadcast(…)</c> in document 002's Python,
    /// when it is plain JSON (the plugin example computes a field and is skipped).
    /// </summary>
    private static JsonNode? PythonDict(string[] lines, int start)
    {
        var text = string.Join('\n', lines.Skip(start));
        var open = text.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                try
                {
                    return JsonNode.Parse(text[open..(i + 1)]);
                }
                catch (JsonException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>Removes <c>//</c> comments outside JSON strings (document 000 and 001 annotate their examples).</summary>
    public static string StripComments(string json)
    {
        var result = new StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    result.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
                result.Append(c);
            }
            else if (c == '/' && i + 1 < json.Length && json[i + 1] == '/')
            {
                while (i < json.Length && json[i] != '\n')
                {
                    i++;
                }

                result.Append('\n');
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    [GeneratedRegex(@"websocket_manager\.(send_to_user|broadcast)\(")]
    private static partial Regex PythonPublish();

    [GeneratedRegex(@"^\s*-\s+\*\*Event\*\*:\s*`([^`]+)`")]
    private static partial Regex SocketIoEventLine();
}
