using System.Text;
using Accelerator.Notifications.Inbox;
using Accelerator.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Accelerator.EndToEnd.Tests.Notifications;

/// <summary>SPEC §7 Privacy, "nor in any message the system still holds": founders' contacts that were still on their way
/// (in a queue, or waiting for a retry) when the erasure reached Notifications do not bring the erased address back.</summary>
public sealed class ContactsErasureTests(AcceleratorSystem system)
{
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
        await applications.Publish(new ApplicationContacts
        {
            ApplicationId = applicationId, CohortId = Guid.NewGuid(), StartupName = $"Late {tag}", Language = "en",
            Founders = [new FounderContact { Name = "Erased Founder", Email = erased }, new FounderContact { Name = "Kept Founder", Email = kept }],
            SubmittedAt = DateTimeOffset.UtcNow,
        }, c => c.MessageId = Guid.NewGuid());

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
