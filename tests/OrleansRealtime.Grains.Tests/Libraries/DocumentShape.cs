using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.Grains.Tests.Events;

namespace OrleansRealtime.Grains.Tests.Libraries;

/// <summary>
/// Checks an event a grain really published against document 003's example of that type: every field of the
/// example is present under the same name with the same JSON kind, recursively (array items against the
/// example's first item). Values differ, of course; extra fields are allowed.
/// </summary>
internal static class DocumentShape
{
    public static void AssertMatchesDocument(Envelope envelope)
    {
        var example = ProtocolDocuments.Examples.First(e => e.Document.StartsWith("003", StringComparison.Ordinal) && e.Type == envelope.Type);
        var failures = new List<string>();
        Compare(example.Data, JsonNode.Parse(envelope.Data.GetRawText()), envelope.Type, failures);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> failures)
    {
        if (expected is null)
        {
            return;
        }

        if (actual is null)
        {
            failures.Add($"{path}: expected {expected.GetValueKind()} but ours is null or missing");
            return;
        }

        var kind = Normalize(expected.GetValueKind());
        var actualKind = Normalize(actual.GetValueKind());
        if (kind != actualKind)
        {
            failures.Add($"{path}: expected {kind} but ours is {actualKind} ({actual.ToJsonString()})");
            return;
        }

        if (expected is JsonObject obj)
        {
            var ours = actual.AsObject();
            foreach (var (name, value) in obj)
            {
                if (!ours.ContainsKey(name))
                {
                    failures.Add($"{path}.{name}: missing (ours has {string.Join(", ", ours.Select(p => p.Key))})");
                    continue;
                }

                Compare(value, ours[name], $"{path}.{name}", failures);
            }
        }
        else if (expected is JsonArray array && array.Count > 0)
        {
            var items = actual.AsArray();
            if (items.Count == 0)
            {
                failures.Add($"{path}: the example has items, ours is empty, so their shape is unchecked");
            }

            for (var i = 0; i < items.Count; i++)
            {
                Compare(array[0], items[i], $"{path}[{i}]", failures);
            }
        }
    }

    private static JsonValueKind Normalize(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;
}
