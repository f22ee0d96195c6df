using System.Security.Cryptography;
using System.Text;

namespace Accelerator.Notifications.Emails;

/// <summary>
/// An e-mail to send, keyed by the fact it tells (<see cref="IdOf"/>), so the same fact never makes two. Once sent (or
/// once a send was begun: see <see cref="EmailTimer"/>) it is kept as a tombstone without addresses or text, so a late
/// duplicate of the fact still collides with it.
/// </summary>
public sealed record OutgoingEmail(
    Guid Id, Guid ApplicationId, string Template, IReadOnlyList<string> To, string Subject, string Body, DateTimeOffset CreatedAt,
    DateTimeOffset? SendingSince = null, DateTimeOffset? SentAt = null)
{
    public static Guid IdOf(string fact)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"email\n{fact}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public OutgoingEmail Sent(DateTimeOffset at) => this with { To = [], Subject = "", Body = "", SentAt = at };
}
