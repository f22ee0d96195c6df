using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MimeKit;

namespace Accelerator.Notifications.Emails;

/// <summary>
/// Open SMTP connections, kept between e-mails: a burst of e-mails (every screening result of a deadline) is sent over a
/// few connections instead of a TCP connection, greeting, EHLO, authentication and QUIT per message. A connection idle for
/// longer than <see cref="MaxIdle"/> is closed rather than reused, because servers drop idle clients (RFC 5321 allows 5
/// minutes); one that fails before the server took the message is replaced once, at once, by a fresh one.
/// </summary>
public sealed class SmtpConnections(NotificationsOptions options, TimeProvider clock) : IAsyncDisposable
{
    /// <summary>At most this many connections wait for reuse: as many as e-mails are sent side by side.</summary>
    public const int MaxKept = 16;

    public static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<(SmtpClient Client, DateTimeOffset Since)> idle = new();
    private int opened;

    /// <summary>How many connections were opened so far (for tests and the curious).</summary>
    public int Opened => Volatile.Read(ref opened);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var (client, reused) = await RentAsync(ct);
        try
        {
            await SendOnAsync(client, message, ct);
        }
        catch (Exception e) when (reused && StaleConnection(e))
        {
            // Most likely the server closed the kept connection while it was idle, and the first command failed: the
            // message is sent on a fresh one. (Were the connection lost after the message itself, it could arrive twice,
            // as it could when the timer tries again after any such failure.)
            client = await OpenAsync(ct);
            await SendOnAsync(client, message, ct);
        }
        Return(client);
    }

    /// <summary>Sends on this connection; one that failed is not kept.</summary>
    private static async Task SendOnAsync(SmtpClient client, MimeMessage message, CancellationToken ct)
    {
        try
        {
            await client.SendAsync(message, ct);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task<(SmtpClient, bool Reused)> RentAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        while (idle.TryDequeue(out var kept))
        {
            if (kept.Client.IsConnected && now - kept.Since < MaxIdle)
                return (kept.Client, true);
            await CloseAsync(kept.Client);
        }
        return (await OpenAsync(ct), false);
    }

    private async Task<SmtpClient> OpenAsync(CancellationToken ct)
    {
        var smtp = options.Smtp;
        var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Notifications:Smtp:Host is not set."),
                smtp.Port, smtp.Security, ct);
            if (!string.IsNullOrEmpty(smtp.User))
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        Interlocked.Increment(ref opened);
        return client;
    }

    private void Return(SmtpClient client)
    {
        if (client.IsConnected && idle.Count < MaxKept)
            idle.Enqueue((client, clock.GetUtcNow()));
        else
            _ = CloseAsync(client);
    }

    /// <summary>A kept connection the server has closed fails on its first command, before the message is sent.</summary>
    private static bool StaleConnection(Exception e) =>
        e is SmtpProtocolException or IOException or System.Net.Sockets.SocketException
        || e is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    private static async Task CloseAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
                await client.DisconnectAsync(true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Closing politely is a courtesy: the socket goes either way.
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryDequeue(out var kept))
            await CloseAsync(kept.Client);
    }
}
