using System.Text;
using Accelerator.Notifications.Inbox;
using Accelerator.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ApplicationScreened = Accelerator.Selection.Contracts.ApplicationScreened;

namespace Accelerator.EndToEnd.Tests.Notifications;

/// <summary>The founders' contacts come to Notifications with the submission, but other messages can overtake them (the
/// queue is consumed concurrently, a retry sets a message back): what overtook them is applied once they arrive.</summary>
public sealed class LateContactsTests(AcceleratorSystem system)
{
    [Fact]
    public async Task An_event_that_overtakes_the_contacts_is_mailed_once_they_arrive_and_once_only()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var founder = $"late-{tag}@forge.example";
        var applicationId = Guid.NewGuid();
        var screened = new ApplicationScreened
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, ApplicationId = applicationId, CohortId = Guid.NewGuid(),
            Eligible = true, Reasons = [],
        };
        await system.PublishAsync(screened, screened.EventId);
        await Eventually.Until(async () => await ScalarAsync<bool>(
                "select exists (select 1 from notifications.mt_doc_processedmessage where id = @id)", $"bus-event:{screened.EventId}"),
            "Notifications to consume the screening before the contacts");

        await system.Applications.GetRequiredService<IBus>().Publish(Contacts(applicationId, $"Late {tag}", founder), c => c.MessageId = Guid.NewGuid());

        await Eventually.Until(() => Task.FromResult(MessagesTo(founder).Any(m => m.Subject == $"Late {tag} is eligible")),
            "the screening e-mail, once the contacts arrived");
        // The contacts again, under another message id: what waited for them was told already.
        var contactsAgain = Guid.NewGuid();
        await system.Applications.GetRequiredService<IBus>().Publish(Contacts(applicationId, $"Late {tag}", founder), c => c.MessageId = contactsAgain);
        await Eventually.Until(async () => await ScalarAsync<bool>(
                "select exists (select 1 from notifications.mt_doc_processedmessage where id = @id)", $"application-contacts:{contactsAgain}"),
            "Notifications to consume the contacts again");
        (await ScalarAsync<long>("select count(*) from notifications.mt_doc_outgoingemail where data ->> 'ApplicationId' = @id",
            applicationId.ToString())).ShouldBe(2, "one e-mail for the submission, one for the screening");
        MessagesTo(founder).Count(m => m.Subject == $"Late {tag} is eligible").ShouldBe(1);
    }

    private static ApplicationContacts Contacts(Guid applicationId, string startup, params string[] founders) => new()
    {
        ApplicationId = applicationId, CohortId = Guid.NewGuid(), StartupName = startup, Language = "en",
        Founders = [.. founders.Select((email, i) => new FounderContact { Name = $"Founder {i}", Email = email })],
        SubmittedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task Contacts_arriving_after_their_erasure_are_kept_and_mailed_without_the_erased_founder()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (erased, kept) = ($"erased-{tag}@forge.example", $"kept-{tag}@forge.example");
        var applicationId = Guid.NewGuid();
        var applications = system.Applications.GetRequiredService<IBus>();
        var erasure = Guid.NewGuid();

        await applications.Publish(new ApplicationContactsErased { ApplicationId = applicationId, Positions = [0] }, c => c.MessageId = erasure);
        await Eventually.Until(async () => await ScalarAsync<bool>(
                "select exists (select 1 from notifications.mt_doc_processedmessage where id = @id)", $"application-contacts-erased:{erasure}"),
            "Notifications to hear of the erasure");
        await applications.Publish(Contacts(applicationId, $"Late {tag}", erased, kept), c => c.MessageId = Guid.NewGuid());

        await Eventually.Until(() => Task.FromResult(MessagesTo(kept).Any(m => m.Subject?.StartsWith("We received", StringComparison.Ordinal) == true)),
            "the submission e-mail to the founder who stays");
        MessagesTo(erased).ShouldBeEmpty();
        (await TablesHoldingAsync(erased)).ShouldBeEmpty("the erased address is in Notifications' database");
        (await TablesHoldingAsync(kept)).ShouldNotBeEmpty("the search finds an address that is there, or it proves nothing");
    }

    private IEnumerable<MimeMessage> MessagesTo(string address) => system.Mail.ReceivedEmail
        .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
        .Where(m => m.To.Mailboxes.Any(to => to.Address == address));

    /// <summary>Connections of their own: a pooled one may be a dead leftover of a test that restarted PostgreSQL.</summary>
    private async Task<Npgsql.NpgsqlConnection> OpenAsync()
    {
        var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(system.PostgresConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<T> ScalarAsync<T>(string sql, string id)
    {
        await using var connection = await OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every table of Notifications' schema with a row whose text mentions <paramref name="text"/>.</summary>
    private async Task<List<string>> TablesHoldingAsync(string text)
    {
        await using var connection = await OpenAsync();
        var tables = new List<string>();
        await using (var list = new Npgsql.NpgsqlCommand(
                         "select table_name from information_schema.tables where table_schema = 'notifications' and table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var search = new Npgsql.NpgsqlCommand($"select exists (select 1 from notifications.\"{table}\" as t where t::text ilike @text)", connection);
            search.Parameters.AddWithValue("text", $"%{text}%");
            if ((bool)(await search.ExecuteScalarAsync())!)
                holding.Add(table);
        }
        return holding;
    }
}
