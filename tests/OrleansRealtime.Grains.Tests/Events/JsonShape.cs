using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansRealtime.Grains.Tests.Events;

/// <summary>
/// Compares a document's example with what our contract produces for it: every field of the example must
/// come back under the same name, with the same JSON kind and the same value (timestamps compared as
/// instants, since we always write UTC with milliseconds). Extra fields on our side are allowed, because
/// some events merge two documents (document 001's and 002's <c>notification</c>).
/// </summary>
public static class JsonShape
{
    public static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> failures)
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

        var kind = expected.GetValueKind();
        var actualKind = actual.GetValueKind();
        var sameKind = kind == actualKind || (kind is JsonValueKind.True or JsonValueKind.False && actualKind is JsonValueKind.True or JsonValueKind.False);
        if (!sameKind)
        {
            failures.Add($"{path}: expected {kind} but ours is {actualKind} ({actual.ToJsonString()})");
            return;
        }

        switch (expected)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var ours = actual.AsObject();
                    if (!ours.ContainsKey(name))
                    {
                        failures.Add($"{path}.{name}: missing from ours (ours has {string.Join(", ", ours.Select(p => p.Key))})");
                        continue;
                    }

                    Compare(value, ours[name], $"{path}.{name}", failures);
                }

                break;
            case JsonArray array:
                var other = actual.AsArray();
                if (array.Count != other.Count)
                {
                    failures.Add($"{path}: expected {array.Count} items but ours has {other.Count}");
                    break;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Compare(array[i], other[i], $"{path}[{i}]", failures);
                }

                break;
            default:
                if (!SameValue(expected.AsValue(), actual.AsValue()))
                {
                    failures.Add($"{path}: expected {expected.ToJsonString()} but ours is {actual.ToJsonString()}");
                }

                break;
        }
    }

    private static bool SameValue(JsonValue expected, JsonValue actual)
    {
        switch (expected.GetValueKind())
        {
            case JsonValueKind.Number:
                return expected.GetValue<decimal>() == actual.GetValue<decimal>();
            case JsonValueKind.String:
                var e = expected.GetValue<string>();
                var a = actual.GetValue<string>();
                if (e == a)
                {
                    return true;
                }

                return DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var et)
                    && DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                    && e.Contains('T') && et == at;
            default:
                return JsonNode.DeepEquals(expected, actual);
        }
    }
}
