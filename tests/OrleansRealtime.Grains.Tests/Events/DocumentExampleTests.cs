using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Grains.Tests.Events;

/// <summary>
/// The protocol documents are the wire contract. Every example in them must name an event in our
/// catalog, and its data must survive a round trip through that event's contract record unchanged.
/// </summary>
public sealed partial class DocumentExampleTests
{
    private static readonly string[] EnvelopeMembers = ["type", "action", "data", "timestamp", "id"];

    [Fact]
    public void Documents_yield_the_examples_this_test_relies_on()
    {
        var examples = ProtocolDocuments.Examples;

        // 000: appearance_updated; 001: three payloads; 002: system_announcement; 003: every event it shows.
        Assert.Contains(examples, e => e.Type == "appearance_updated");
        Assert.Equal(["balance:update", "notification", "message:receive"], examples.Where(e => e.IsSocketIo).Select(e => e.Type));
        Assert.Contains(examples, e => e.Type == "system_announcement");
        Assert.True(examples.Count(e => e.Document.StartsWith("003", StringComparison.Ordinal)) >= 25, $"Only {examples.Count} examples were found.");
    }

    [Fact]
    public void Every_document_example_names_an_event_of_the_catalog()
    {
        var missing = ProtocolDocuments.Examples.Where(e => Find(e) is null).Select(e => e.ToString()).ToList();

        Assert.True(missing.Count == 0, "Not in the event catalog: " + string.Join("; ", missing));
    }

    [Fact]
    public void Every_document_example_round_trips_through_its_contract_with_the_same_fields_and_types()
    {
        var failures = new List<string>();
        foreach (var example in ProtocolDocuments.Examples)
        {
            var descriptor = Find(example);
            if (descriptor is null)
            {
                continue;
            }

            var data = DataOf(example);
            if (example.IsSocketIo && descriptor.SocketIoPayloadField is { } field)
            {
                data = new JsonObject { [field] = data?.DeepClone() };
            }

            try
            {
                var record = data.Deserialize(descriptor.Contract, EventJson.Options);
                var ours = JsonSerializer.SerializeToNode(record, descriptor.Contract, EventJson.Options);
                JsonShape.Compare(data, ours, $"{example}: data", failures);
            }
            catch (JsonException ex)
            {
                failures.Add($"{example}: the data does not deserialize into {descriptor.Contract.Name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Document_002_message_type_table_fields_exist_on_the_contracts()
    {
        var text = File.ReadAllText(Directory.GetFiles(RepositoryPaths.Seeds, "002*.txt").Single());
        var rows = TableRow().Matches(text);
        Assert.True(rows.Count >= 5, "Document 002's message type table was not found.");

        var failures = new List<string>();
        foreach (Match row in rows)
        {
            var type = row.Groups[1].Value;
            if (!EventCatalog.TryGet(type, out var descriptor))
            {
                failures.Add($"{type}: not in the catalog");
                continue;
            }

            var properties = JsonNames(descriptor.Contract);
            if (properties is null)
            {
                continue; // free-form data (task_update): the sender decides its fields
            }

            foreach (var name in row.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries))
            {
                // "action" is the envelope's own member in document 002's message structure.
                if (!properties.Contains(name) && !EnvelopeMembers.Contains(name))
                {
                    failures.Add($"{type}.{name}: not a field of {descriptor.Contract.Name} ({string.Join(", ", properties)})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    internal static EventDescriptor? Find(DocumentExample example) =>
        example.IsSocketIo
            ? EventCatalog.All.FirstOrDefault(d => d.SocketIoEvent == example.Type)
            : EventCatalog.TryGet(example.Type, out var d) ? d : null;

    /// <summary>The example's data; document 002's broadcast example puts its fields beside <c>type</c> instead.</summary>
    internal static JsonNode? DataOf(DocumentExample example)
    {
        if (example.Data is not null || example.Envelope is null)
        {
            return example.Data;
        }

        var data = new JsonObject();
        foreach (var (name, value) in example.Envelope)
        {
            if (!EnvelopeMembers.Contains(name))
            {
                data[name] = value?.DeepClone();
            }
        }

        return data;
    }

    private static HashSet<string>? JsonNames(Type contract)
    {
        var info = EventJson.Options.GetTypeInfo(contract);
        return info.Kind == JsonTypeInfoKind.Object && info.Properties.Count > 0
            ? [.. info.Properties.Select(p => p.Name)]
            : null;
    }

    [GeneratedRegex(@"^\|\s*`([a-z_:]+)`\s*\|[^|]*\|\s*`\{([^}]*)\}`\s*\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
