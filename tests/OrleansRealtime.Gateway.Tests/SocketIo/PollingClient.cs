using System.Net;
using System.Text;
using System.Text.Json;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.SocketIo;

/// <summary>Raw Engine.IO v4 long-polling over HttpClient, for tests that need to send what no stock client would.</summary>
public sealed class PollingClient(Uri address) : IDisposable
{
    public const char Separator = '\u001e';

    private readonly HttpClient _http = new() { BaseAddress = address, Timeout = TestTimeouts.Default };

    public HttpClient Http => _http;

    public static string Url(string? sid = null, string transport = "polling", string eio = "4") =>
        $"/socket.io/?EIO={eio}&transport={transport}" + (sid is null ? string.Empty : $"&sid={Uri.EscapeDataString(sid)}");

    /// <summary>Opens a session; returns its sid and the open packet's JSON.</summary>
    public async Task<(string Sid, JsonElement Open)> HandshakeAsync(string query = "")
    {
        using var response = await _http.GetAsync(Url() + query).WithTimeout();
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"handshake: {(int)response.StatusCode} {body}");
        Assert.StartsWith("0", body);
        var open = JsonDocument.Parse(body[1..]).RootElement.Clone();
        return (open.GetProperty("sid").GetString()!, open);
    }

    /// <summary>A session whose main namespace is connected with token "ok"; returns the sid.</summary>
    public async Task<string> ConnectAsync(string auth = """{"token":"ok"}""")
    {
        var (sid, _) = await HandshakeAsync();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(sid, "40" + auth)).Status);
        var reply = await GetAsync(sid);
        Assert.StartsWith("40{\"sid\":", reply.Body);
        return sid;
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string sid, string payload) =>
        await PostBytesAsync(sid, Encoding.UTF8.GetBytes(payload));

    public async Task<(HttpStatusCode Status, string Body)> PostBytesAsync(string sid, byte[] payload)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new("text/plain") { CharSet = "UTF-8" };
        using var response = await _http.PostAsync(Url(sid), content).WithTimeout();
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string sid)
    {
        using var response = await _http.GetAsync(Url(sid)).WithTimeout();
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls until a payload holds a packet starting with <paramref name="prefix"/> (skipping pings, answered with pongs).</summary>
    public async Task<string> PollForAsync(string sid, string prefix)
    {
        while (true)
        {
            var (status, body) = await GetAsync(sid);
            Assert.True(status == HttpStatusCode.OK, $"poll: {(int)status} {body}");
            foreach (var packet in body.Split(Separator))
            {
                if (packet.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return packet;
                }

                if (packet == "2")
                {
                    await PostAsync(sid, "3");
                }

                if (packet == "1")
                {
                    throw new InvalidOperationException($"session closed while waiting for '{prefix}'");
                }
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
