using System.Diagnostics;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansRealtime.LoadHarness.Clients;

namespace OrleansRealtime.LoadHarness.Targets;

/// <summary>
/// Our gateway's raw <c>/ws</c> on the silo (memory storage), with JWTs minted here under the same key.
/// Publishes go through the HTTP API: <c>send_to_user</c> as a service, <c>broadcast</c> as an admin, and a
/// real AI chat message (the local model) for the chunk scenario, whose conversation id carries the marker.
/// </summary>
public sealed class OursTarget(int port) : Target(port)
{
    public const string SigningKey = "load-harness-signing-key-0123456789abcdef";

    private static readonly byte[] Subscribe = Encoding.UTF8.GetBytes(
        """{"type":"subscribe","id":"s","data":{"events":["notifications","system","ai_chat"]}}""");

    private readonly JsonWebTokenHandler _tokens = new();
    private readonly SigningCredentials _credentials = new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256);
    private string? _service;
    private string? _admin;

    public override string Name => "ours";

    public override bool Resumes => true;

    public override ProcessStartInfo ServerStartInfo(string repoRoot)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(repoRoot, "silo"),
        };
        info.ArgumentList.Add(Path.Combine(repoRoot, "silo/bin/Release/net10.0/OrleansRealtime.Silo.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseUrl);
        QuietDotnet(info);
        info.Environment["Realtime__Auth__SigningKey"] = SigningKey;
        info.Environment["Realtime__Storage__Provider"] = "Memory";
        info.Environment["Realtime__Gateway__MaxConnectionsPerUser"] = "64";
        return info;
    }

    public string Mint(string subject, string? role = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (role is not null)
        {
            claims["roles"] = role;
        }

        return _tokens.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(6),
            SigningCredentials = _credentials,
        });
    }

    public override Uri SocketUri(LoadClient client)
    {
        client.Token ??= Mint(client.UserId);
        var resume = client.HasPosition ? $"&last_seq={client.Seq}&epoch={client.Epoch}" : "";
        return new Uri($"ws://127.0.0.1:{Port}/ws?token={client.Token}{resume}");
    }

    // The first message ends the resume window at once (protocol §3) and narrows delivery to what we count.
    public override async ValueTask OnOpenAsync(LoadClient client, CancellationToken cancellationToken) =>
        await client.SendAsync(Subscribe, cancellationToken);

    public override byte[]? OnFrame(LoadClient client, ReadOnlySpan<byte> frame)
    {
        // Envelope order is type, action, data, timestamp, id, seq, epoch: the last "seq"/"epoch" are the envelope's.
        // connection_established has them only in data: the position at connect, also a resume point.
        var seqAt = frame.LastIndexOf("\"seq\":"u8);
        var epochAt = frame.LastIndexOf("\"epoch\":"u8);
        if (seqAt >= 0 && epochAt >= 0)
        {
            client.Seq = Digits.Parse(frame[(seqAt + 6)..]);
            client.Epoch = Digits.Parse(frame[(epochAt + 8)..]);
            client.HasPosition = true;
        }

        if (!client.Ready && frame.IndexOf("\"connection_established\""u8) >= 0)
        {
            client.MarkReady();
        }

        return null;
    }

    public override bool EndsChat(ReadOnlySpan<byte> frame, long chunkIndex, int chunks) =>
        frame.IndexOf("\"ai_chat_response_complete\""u8) >= 0 || frame.IndexOf("\"ai_error\""u8) >= 0;

    public override HttpRequestMessage PublishToUser(string user, string marker) =>
        Post($"{BaseUrl}/api/users/{user}/messages",
            $$$"""{"type":"bench_event","action":"created","data":{"m":"{{{marker}}}"}}""", _service ??= Mint("bench-service", "service"));

    public override HttpRequestMessage Broadcast(string marker) =>
        Post($"{BaseUrl}/api/broadcast", $$"""{"type":"system_announcement","message":"{{marker}}"}""", _admin ??= Mint("bench-admin", "admin"));

    // The conversation id carries the marker, so every AI event of the answer has it (in data.conversation_id).
    public override HttpRequestMessage StartChat(string user, string marker, int chunks) =>
        Post($"{BaseUrl}/api/conversations/{marker}_{user}/messages",
            $$"""{"message":"What games do I have?","message_id":"m1","user_id":"{{user}}"}""", _service ??= Mint("bench-service", "service"));
}
