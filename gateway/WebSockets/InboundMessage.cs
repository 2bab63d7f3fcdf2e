using System.Text.Json;
using OrleansRealtime.Gateway.Sessions;

namespace OrleansRealtime.Gateway.WebSockets;

/// <summary>
/// A client message of the raw endpoints: <c>{type, data?, id?, timestamp?}</c>. Parsing never throws:
/// a bad frame yields an error code and a reason for the <c>error</c> envelope, and the socket stays open.
/// </summary>
internal sealed class InboundMessage
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    private InboundMessage(string type, string? id, JsonElement data)
    {
        Type = type;
        Id = id;
        Data = data;
    }

    public string Type { get; }

    /// <summary>The client's id (document 003's <c>id</c>), echoed in acknowledgements, errors and AI events.</summary>
    public string? Id { get; }

    /// <summary>The <c>data</c> object (an empty object when absent). Valid only until the frame is parsed again: clone to keep.</summary>
    public JsonElement Data { get; }

    public static bool TryParse(ReadOnlyMemory<byte> frame, out InboundMessage? message, out string errorCode, out string reason, out string? id)
    {
        message = null;
        id = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame, DocumentOptions);
        }
        catch (JsonException)
        {
            (errorCode, reason) = (GatewayErrorCodes.InvalidJson, "The message is not valid JSON (or nests deeper than 32 levels).");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                (errorCode, reason) = (GatewayErrorCodes.InvalidMessage, "A message must be a JSON object with a string 'type'.");
                return false;
            }

            if (root.TryGetProperty("id", out var idElement))
            {
                id = idElement.ValueKind switch
                {
                    JsonValueKind.String => idElement.GetString(),
                    JsonValueKind.Number => idElement.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => null,
                };
                if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null) || id is { Length: > 200 })
                {
                    id = null;
                    (errorCode, reason) = (GatewayErrorCodes.InvalidMessage, "'id' must be a string (or number) of at most 200 characters.");
                    return false;
                }
            }

            if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(typeElement.GetString()))
            {
                (errorCode, reason) = (GatewayErrorCodes.InvalidMessage, "A message must have a non-empty string 'type'.");
                return false;
            }

            JsonElement data;
            if (!root.TryGetProperty("data", out var dataElement) || dataElement.ValueKind == JsonValueKind.Null)
            {
                data = EmptyObject;
            }
            else if (dataElement.ValueKind != JsonValueKind.Object)
            {
                (errorCode, reason) = (GatewayErrorCodes.InvalidMessage, "'data' must be a JSON object.");
                return false;
            }
            else
            {
                data = dataElement.Clone();
            }

            message = new InboundMessage(typeElement.GetString()!, id, data);
            (errorCode, reason) = (string.Empty, string.Empty);
            return true;
        }
    }

    /// <summary>A required string field of <c>data</c>, or null when it is missing, not a string, or blank.</summary>
    public string? String(string name) =>
        Data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
