using System.Text.Json;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.SocketIo.Realtime;

/// <summary>Runs tests/interop/socketio-realtime.js and reads its lines: <c>sio</c> lines per socket, the whole output so far.</summary>
internal static class RealtimeScript
{
    internal static string Url(GatewayHost host) => host.Address.ToString().TrimEnd('/');

    internal static async Task<JsonElement> NextSioAsync(NodeScript node, string name, string socket = "a") =>
        (await NextSioLineAsync(node, name, socket)).GetProperty("args");

    internal static async Task<JsonElement> NextSioLineAsync(NodeScript node, string name, string socket = "a")
    {
        while (true)
        {
            var line = await node.NextEventAsync("sio");
            if (line.GetProperty("name").GetString() == name && line.GetProperty("socket").GetString() == socket)
            {
                return line;
            }
        }
    }

    internal static bool IsSio(JsonElement line, string name) =>
        line.GetProperty("event").GetString() == "sio" && line.GetProperty("name").GetString() == name;

    /// <summary>The next <paramref name="count"/> lines that match, in the order printed.</summary>
    internal static async Task<List<JsonElement>> CollectAsync(NodeScript node, int count, Func<JsonElement, bool> match)
    {
        var found = new List<JsonElement>();
        while (found.Count < count)
        {
            var line = await node.NextAsync();
            if (match(line))
            {
                found.Add(line);
            }
        }

        return found;
    }

    internal static async Task<JsonElement> NextOfSocketAsync(NodeScript node, string eventName, string socket)
    {
        while (true)
        {
            var line = await node.NextEventAsync(eventName);
            if (line.GetProperty("socket").GetString() == socket)
            {
                return line;
            }
        }
    }

    /// <summary>Every JSON line the script printed so far (including the ones already read).</summary>
    internal static List<JsonElement> Printed(NodeScript node) =>
        [.. node.Output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    internal static IEnumerable<JsonElement> SioLines(NodeScript node, string socket) =>
        Printed(node).Where(l => l.GetProperty("event").GetString() == "sio" && l.GetProperty("socket").GetString() == socket);

    internal static (string User, string Wallet) NewUser() =>
        (TestTimeouts.NewKey("u"), "0x" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)).ToLowerInvariant());

    internal static string Token(GatewayHost host, string user, params string[] wallets) => host.Tokens.Mint(new TokenRequest { Subject = user, Wallets = wallets });

    /// <summary>Runs a scenario of tests/interop/socketio-realtime.js against <paramref name="host"/>.</summary>
    internal static NodeScript Start(GatewayHost host, string scenario, string token, string wallets = "", Dictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string> { ["SIO_TOKEN"] = token, ["SIO_WALLETS"] = wallets };
        foreach (var (key, value) in environment ?? [])
        {
            env[key] = value;
        }

        return NodeScript.Start("socketio-realtime.js", [Url(host), scenario], env);
    }
}
