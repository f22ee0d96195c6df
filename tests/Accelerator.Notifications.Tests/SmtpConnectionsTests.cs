using Accelerator.Notifications;
using Accelerator.Notifications.Emails;
using MailKit.Security;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Accelerator.Testing;

namespace Accelerator.Notifications.Tests;

/// <summary>Kept SMTP connections, against a real SMTP server on loopback.</summary>
public sealed class SmtpConnectionsTests : IAsyncDisposable
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-01T09:00:00Z"));
    private readonly SmtpSink server = SmtpSink.Start();
    private readonly SmtpConnections connections;

    public SmtpConnectionsTests() => connections = new SmtpConnections(
        new NotificationsOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = SecureSocketOptions.None } },
        clock);

    [Fact]
    public async Task E_mails_one_after_another_share_one_connection()
    {
        for (var i = 0; i < 10; i++)
            await connections.SendAsync(Message(i), TestContext.Current.CancellationToken);

        await WaitForAsync(10);
        Subjects().ShouldBe(Enumerable.Range(0, 10).Select(i => $"e-mail {i}"), ignoreOrder: true);
        connections.Opened.ShouldBe(1);
        server.Connections.ShouldBe(1);
    }

    [Fact]
    public async Task E_mails_side_by_side_open_no_more_connections_than_are_sent_at_once()
    {
        for (var round = 0; round < 3; round++)
            await Task.WhenAll(Enumerable.Range(round * 4, 4).Select(i => connections.SendAsync(Message(i), TestContext.Current.CancellationToken)));

        await WaitForAsync(12);
        Subjects().ShouldBe(Enumerable.Range(0, 12).Select(i => $"e-mail {i}"), ignoreOrder: true);
        connections.Opened.ShouldBeInRange(1, 4);
        server.Connections.ShouldBe(connections.Opened);
    }

    [Fact]
    public async Task A_connection_the_server_dropped_is_replaced_and_the_e_mail_still_goes()
    {
        await connections.SendAsync(Message(1), TestContext.Current.CancellationToken);
        await WaitForAsync(1);

        // The server closes the session, as a relay that restarts or drops idle clients does: the kept connection is dead.
        server.DropSessions();
        await connections.SendAsync(Message(2), TestContext.Current.CancellationToken);

        await WaitForAsync(2);
        Subjects().ShouldBe(["e-mail 1", "e-mail 2"]);
        connections.Opened.ShouldBe(2);
    }

    [Fact]
    public async Task A_connection_idle_for_longer_than_the_bound_is_not_reused()
    {
        await connections.SendAsync(Message(1), TestContext.Current.CancellationToken);
        clock.Advance(SmtpConnections.MaxIdle + TimeSpan.FromSeconds(1));
        await connections.SendAsync(Message(2), TestContext.Current.CancellationToken);

        await WaitForAsync(2);
        Subjects().ShouldBe(["e-mail 1", "e-mail 2"]);
        connections.Opened.ShouldBe(2);
    }

    private List<string> Subjects() =>
        [.. server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))).Subject ?? "")];

    private static MimeMessage Message(int i)
    {
        var message = new MimeMessage { Subject = $"e-mail {i}", Body = new TextPart("plain") { Text = $"body {i}" } };
        message.From.Add(MailboxAddress.Parse("no-reply@accelerator.localhost"));
        message.To.Add(MailboxAddress.Parse($"founder{i}@example.org"));
        return message;
    }

    private Task WaitForAsync(int count) =>
        Eventually.Until(() => Task.FromResult(server.ReceivedEmailCount >= count), $"{count} e-mails at the SMTP server");

    public async ValueTask DisposeAsync()
    {
        await connections.DisposeAsync();
        await server.DisposeAsync();
    }
}
