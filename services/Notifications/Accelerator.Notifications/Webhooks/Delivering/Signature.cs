using System.Security.Cryptography;
using System.Text;

namespace Accelerator.Notifications.Webhooks.Delivering;

/// <summary>Standard Webhooks (standardwebhooks.com): secrets <c>whsec_</c> + base64 of random bytes; the signature
/// <c>v1,</c> + base64 HMAC-SHA256, keyed with the secret's decoded bytes, of <c>{webhook-id}.{webhook-timestamp}.{body}</c>.</summary>
public static class Signature
{
    public const string SecretPrefix = "whsec_";
    private const int SecretBytes = 32;

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}
