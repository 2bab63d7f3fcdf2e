using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OrleansRealtime.Cluster.Tests.TestSupport;

/// <summary>
/// HS256 tokens for the key every process of the test cluster gets (<c>Realtime__Auth__SigningKey</c>), built by
/// hand so this project needs no JWT library: the processes validate them with the real one.
/// </summary>
public static class DevTokens
{
    public const string SigningKey = "cluster-tests-signing-key-0123456789abcdef-not-a-secret";

    public static string Mint(string subject, params string[] roles)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        if (roles.Length > 0)
        {
            payload["roles"] = roles;
        }

        var unsigned = $"{Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8.ToArray())}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), Encoding.ASCII.GetBytes(unsigned));
        return $"{unsigned}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
