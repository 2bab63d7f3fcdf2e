using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Gateway.SocketIo.Realtime;

/// <summary>
/// The connection state recovery tokens, self-contained so that any gateway holding the auth signing key can
/// honour them (a gateway that dies takes nothing with it: socket.io-redis-streams-adapter#27 is a server that
/// kept the session in its own memory).
/// <list type="bullet">
/// <item><b>pid</b> <c>v1.{user}.{nonce}.{mac}</c>: the user the socket authenticated as and a random nonce,
/// signed. Sent in every CONNECT reply; the nonce makes every fresh pid differ from the one before, which is
/// how socket.io-client tells <c>recovered</c> from a fresh start.</item>
/// <item><b>offset</b> <c>{epoch}-{seq}.{proof}</c>: the user stream position of an event, plus a proof
/// (a MAC of the pid) that the socket holding that pid had joined. Offsets are only ever written on joined
/// sockets, so a client cannot restore a binding it never had by inventing an offset.</item>
/// </list>
/// The key is derived from the JWT signing key with a label of its own, so a recovery MAC can never pass for a
/// token signature or the other way round. Thread-safe.
/// </summary>
internal sealed class RecoveryCodec(Func<string?> signingKey)
{
    private const string Version = "v1";
    private const int MaxPidLength = 512;
    private const int MaxOffsetLength = 96;
    private const int NonceBytes = 12;
    private const int MacBytes = 16;
    private const int ProofBytes = 12;
    private static readonly byte[] Label = "OrleansRealtime.SocketIo.Recovery.v1"u8.ToArray();

    private readonly Lazy<byte[]> _key = new(() => HMACSHA256.HashData(
        Encoding.UTF8.GetBytes(signingKey() ?? throw new InvalidOperationException("Realtime:Auth:SigningKey is not set.")), Label));

    /// <summary>A new pid for <paramref name="userId"/>; never equal to an earlier one.</summary>
    public string NewPid(string userId)
    {
        var body = $"{Version}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(userId))}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(NonceBytes))}";
        return $"{body}.{Mac(body, MacBytes)}";
    }

    /// <summary>The user of a pid this codec (or any with the same key) signed; false for anything else.</summary>
    public bool TryReadPid(string? pid, [NotNullWhen(true)] out string? userId)
    {
        userId = null;
        if (pid is null || pid.Length > MaxPidLength)
        {
            return false;
        }

        var parts = pid.Split('.');
        if (parts is not [Version, var user, var nonce, var mac] || nonce.Length == 0
            || !FixedEquals(mac, Mac($"{Version}.{user}.{nonce}", MacBytes)))
        {
            return false;
        }

        try
        {
            userId = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(user));
        }
        catch (FormatException)
        {
            return false;
        }

        return userId.Length > 0;
    }

    /// <summary>The proof, for <paramref name="pid"/>, that its socket joined: the suffix of every offset written on it.</summary>
    public string JoinProof(string pid) => Mac("join." + pid, ProofBytes);

    /// <summary>The offset of an event at <paramref name="position"/>, as the last argument of its EVENT.</summary>
    public static string Offset(StreamSequenceToken position, string proof) =>
        string.Create(CultureInfo.InvariantCulture, $"{position.Epoch}-{position.Sequence}.{proof}");

    /// <summary>The position in an offset written on a socket of <paramref name="pid"/>; false when malformed or not proven.</summary>
    public bool TryReadOffset(string? offset, string pid, [NotNullWhen(true)] out StreamSequenceToken? position)
    {
        position = null;
        if (offset is null || offset.Length > MaxOffsetLength)
        {
            return false;
        }

        var dot = offset.LastIndexOf('.');
        var dash = dot > 0 ? offset.LastIndexOf('-', dot - 1) : -1;
        if (dash <= 0 || !FixedEquals(offset[(dot + 1)..], JoinProof(pid))
            || !long.TryParse(offset.AsSpan(0, dash), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch)
            || !long.TryParse(offset.AsSpan(dash + 1, dot - dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        position = new StreamSequenceToken(seq, epoch);
        return true;
    }

    private string Mac(string text, int bytes) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(text)).AsSpan(0, bytes));

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
