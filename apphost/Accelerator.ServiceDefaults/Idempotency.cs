using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// <c>Idempotency-Key</c> on creating calls. The new resource's id is derived from the caller, the kind of resource
/// and the key, so a repeated request finds the stream it created the first time and answers it again, and two
/// concurrent repeats cannot both create: the second stream start collides. Without a key, a fresh id.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";

    public static Guid NewId(HttpContext http, string resource)
    {
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(key))
            return Guid.CreateVersion7();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{resource}\n{http.User.Subject()}\n{key.Trim()}"));
        // An RFC 9562 version 8 (custom) UUID: the hash's first 16 bytes with version and variant bits set.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static bool HasKey(HttpContext http) => !string.IsNullOrWhiteSpace(http.Request.Headers[Header].ToString());
}
