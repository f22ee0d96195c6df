using Accelerator.ServiceDefaults;
using MailKit.Net.Smtp;
using Marten;
using MimeKit;

namespace Accelerator.Notifications.Emails;

/// <summary>
/// Sends one queued e-mail, at most once. SMTP and the database cannot commit together, so the send is marked begun in
/// a transaction of its own first: a crash after the server took the message leaves the mark, and the e-mail is not sent
/// again (it may be lost instead, which "at most once" prefers). A server that refused or could not be reached clears
/// the mark, and the timer tries again with backoff.
/// </summary>
public sealed class EmailTimer(NotificationsOptions options, SmtpConnections connections, ILogger<EmailTimer> logger) : ITimerHandler
{
    public string Kind => Mailing.EmailTimer;

    /// <summary>Each is about its own e-mail, and waits on the SMTP server: side by side, in a lane apart from webhook
    /// deliveries, which may flood theirs.</summary>
    public bool FiresConcurrently => true;

    public string Lane => Mailing.EmailTimer;

    public async Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken ct)
    {
        if (await session.LoadAsync<OutgoingEmail>(timer.Subject, ct) is not { SentAt: null } email)
            return;
        if (email.SendingSince is not null)
        {
            logger.LogWarning("E-mail {EmailId} ({Template}) may have been sent at {Since} before a crash: not sent again",
                email.Id, email.Template, email.SendingSince);
            session.Store(email.Sent(now));
            return;
        }
        if (email.To.Count == 0)
        {
            session.Store(email.Sent(now));
            return;
        }

        await MarkAsync(session.DocumentStore, email with { SendingSince = now }, ct);
        try
        {
            await SendAsync(email, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && NotSent(e))
        {
            await MarkAsync(session.DocumentStore, email, ct);
            throw;
        }
        session.Store(email.Sent(now));
    }

    private async Task SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        var smtp = options.Smtp;
        var message = new MimeMessage { Subject = email.Subject, Body = new TextPart("plain") { Text = email.Body } };
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.AddRange(email.To.Select(MailboxAddress.Parse));
        message.MessageId = $"{email.Id}@accelerator";
        await connections.SendAsync(message, ct);
    }

    /// <summary>Failures that say the server did not take the message (it refused it, or never answered).</summary>
    private static bool NotSent(Exception e) => e is SmtpCommandException or SmtpProtocolException { } or System.Net.Sockets.SocketException
        or MailKit.Security.AuthenticationException or IOException { InnerException: System.Net.Sockets.SocketException };

    private static async Task MarkAsync(IDocumentStore store, OutgoingEmail email, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(email);
        await session.SaveChangesAsync(ct);
    }
}
