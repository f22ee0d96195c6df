using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Applications.Applications;
using Accelerator.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Accelerator.EndToEnd.Tests;

/// <summary>SPEC §7 Privacy: a founder erased on request is found nowhere in the databases, and nothing else breaks.</summary>
public sealed class PrivacyErasureTests(AcceleratorSystem system)
{
    [Fact]
    public async Task An_erased_founder_is_found_in_no_database_the_others_are_kept_and_the_streams_still_rebuild()
    {
        var run = Guid.NewGuid().ToString("N");
        var (erasedName, erasedEmail) = ($"Erased Founder {run}", $"erased-{run}@forge.example");
        var (keptName, keptEmail) = ($"Kept Founder {run}", $"kept-{run}@forge.example");
        await using var partner = await PartnerQueue.BindAsync(system.RabbitMqConnectionString,
            "accelerator.personal-data-erased", "accelerator.application-submitted");
        var staff = await system.Operator();

        var owner = await system.Applicant();
        var cohort = await staff.CreateCohortAsync(Samples.OpenCohort());
        var first = await owner.DraftAsync(WithFounders(cohort, "First", (erasedName, erasedEmail), (keptName, keptEmail)));
        (await owner.PutAsJsonAsync($"/api/applications/{first}",
            WithFounders(cohort, "First again", (erasedName, erasedEmail), (keptName, keptEmail)))).EnsureSuccessStatusCode();
        await owner.SubmitAsync(first);
        var other = await system.Applicant();
        var second = await other.DraftAsync(WithFounders(await staff.CreateCohortAsync(Samples.OpenCohort()), "Second",
            (erasedName, erasedEmail.ToUpperInvariant())));
        await other.SubmitAsync(second);

        var key = (Name: "Idempotency-Key", Value: run);
        var accepted = await staff.SendAsync(HttpMethod.Post, "/api/privacy/erasures",
            new JsonObject { ["email"] = $"  {erasedEmail.ToUpperInvariant()} " }, key);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var body = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!;
        var erasureId = body["id"]!.GetValue<Guid>();
        body["status"]!.GetValue<string>().ShouldBeOneOf("pending", "completed");
        var repeated = await staff.SendAsync(HttpMethod.Post, "/api/privacy/erasures", new JsonObject { ["email"] = erasedEmail }, key);
        repeated.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await repeated.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>().ShouldBe(erasureId);

        var erasure = await Eventually.Until(async () =>
            await staff.GetFromJsonAsync<JsonObject>($"/api/privacy/erasures/{erasureId}") is { } e
            && e["status"]!.GetValue<string>() == "completed" ? e : null, "the erasure completes");
        erasure["applications"]!.AsArray().Select(a => a!.GetValue<Guid>()).ShouldBe([first, second], ignoreOrder: true);

        var founders = await FoundersAsync(staff, first);
        founders[0].ToJsonString().ShouldBe("""{"name":null,"email":null,"erased":true}""");
        founders[1]["name"]!.GetValue<string>().ShouldBe(keptName);
        founders[1]["email"]!.GetValue<string>().ShouldBe(keptEmail);
        founders[1]["erased"]!.GetValue<bool>().ShouldBeFalse();
        (await FoundersAsync(owner, first))[0]["erased"]!.GetValue<bool>().ShouldBeTrue();
        (await FoundersAsync(staff, second)).Single().ToJsonString().ShouldBe("""{"name":null,"email":null,"erased":true}""");

        var announced = await partner.ReceiveAsync(e => e.IsMessage("PersonalDataErased", "erasureId", erasureId), "personal-data-erased");
        announced.Envelope["message"]!["applicationIds"]!.AsArray().Select(a => a!.GetValue<Guid>())
            .ShouldBe([first, second], ignoreOrder: true);
        (await partner.DrainAsync()).ShouldAllBe(e => !e.ToJsonString().Contains(run));

        // Notifications keeps the founders' addresses to write to them; it hears of the erasure on its own queue.
        var notifications = system.Notifications.GetRequiredService<IDocumentStore>();
        await Eventually.Until(async () =>
        {
            await using var contacts = notifications.QuerySession();
            return (await contacts.LoadAsync<Accelerator.Notifications.Emails.ApplicantContacts>(first))?.Founders is [null, _];
        }, "Notifications to forget the erased founder");
        var dump = await DumpDatabaseAsync();
        dump.ShouldNotContain(erasedEmail, Case.Insensitive);
        dump.ShouldNotContain(erasedName, Case.Insensitive);
        dump.ShouldContain(keptEmail);
        dump.ShouldContain(keptName);

        var store = system.Applications.GetRequiredService<IDocumentStore>();
        foreach (var id in new[] { first, second })
            await store.Advanced.RebuildSingleStreamAsync<Application>(id);
        await using (var session = store.QuerySession())
        {
            var rebuilt = await session.LoadAsync<Application>(first);
            rebuilt!.Content.Founders.ShouldBe([Founder.ErasedFounder, new Founder(keptName, keptEmail)]);
            (await session.LoadAsync<Application>(second))!.Content.Founders.ShouldBe([Founder.ErasedFounder]);
            var events = await session.Events.FetchStreamAsync(first);
            events.Select(e => e.Data.GetType().Name).ShouldBe(
                ["ApplicationDrafted", "ApplicationReplaced", "ApplicationSubmitted", "FoundersErased"]);
        }
        (await DumpDatabaseAsync()).ShouldNotContain(erasedEmail, Case.Insensitive);
    }

    [Fact]
    public async Task An_erasure_needs_an_e_mail_and_unknown_erasures_are_404()
    {
        var staff = await system.Operator();

        var invalid = await staff.PostAsJsonAsync("/api/privacy/erasures", new JsonObject { ["email"] = "not an e-mail" });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.ProblemAsync())["errors"]!["email"].ShouldNotBeNull();
        (await staff.PostAsJsonAsync("/api/privacy/erasures", new JsonObject())).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.GetAsync($"/api/privacy/erasures/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await system.Applicant()).PostAsJsonAsync("/api/privacy/erasures", new JsonObject { ["email"] = "a@b.example" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_erasure_that_matches_nobody_completes_with_no_application()
    {
        var staff = await system.Operator();
        var accepted = await staff.PostAsJsonAsync("/api/privacy/erasures", new JsonObject { ["email"] = $"nobody-{Guid.NewGuid():N}@x.example" });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        accepted.Headers.Location.ShouldNotBeNull();
        var id = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var erasure = await Eventually.Until(async () =>
            await staff.GetFromJsonAsync<JsonObject>($"/api/privacy/erasures/{id}") is { } e
            && e["status"]!.GetValue<string>() == "completed" ? e : null, "the erasure completes");

        erasure["applications"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_erasure_moves_the_version_so_a_change_made_from_the_unerased_draft_is_refused()
    {
        var staff = await system.Operator();
        var owner = await system.Applicant();
        var cohort = await staff.CreateCohortAsync(Samples.OpenCohort());
        var email = $"moved-{Guid.NewGuid():N}@forge.example";
        var draft = WithFounders(cohort, "Moved", ("Moved Founder", email));
        var id = await owner.DraftAsync(draft);
        var before = (await owner.GetAsync($"/api/applications/{id}")).Headers.ETag!.Tag;

        var accepted = await staff.PostAsJsonAsync("/api/privacy/erasures", new JsonObject { ["email"] = email });
        var erasureId = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        await Eventually.Until(async () => (await staff.GetFromJsonAsync<JsonObject>($"/api/privacy/erasures/{erasureId}"))!
            ["status"]!.GetValue<string>() == "completed", "the erasure completes");

        (await owner.GetAsync($"/api/applications/{id}")).Headers.ETag!.Tag.ShouldNotBe(before);
        (await owner.SendAsync(HttpMethod.Put, $"/api/applications/{id}", draft, ("If-Match", before)))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await owner.SubmitAsync(id);
        (await FoundersAsync(owner, id)).Single()["erased"]!.GetValue<bool>().ShouldBeTrue();
    }

    private static JsonObject WithFounders(Guid cohortId, string startup, params (string Name, string Email)[] founders)
    {
        var application = Samples.Application(cohortId, startup);
        application["founders"] = new JsonArray(founders.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["email"] = f.Email }).ToArray());
        return application;
    }

    private static async Task<IReadOnlyList<JsonObject>> FoundersAsync(HttpClient client, Guid applicationId) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/applications/{applicationId}"))!["founders"]!.AsArray()
        .Select(f => f!.AsObject()).ToList();

    /// <summary>Everything every service stored: all four share the test database, each in its own schema.</summary>
    private async Task<string> DumpDatabaseAsync()
    {
        var connection = new NpgsqlConnectionStringBuilder(system.PostgresConnectionString);
        var pgDump = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_dump"))
            .Where(File.Exists).OrderDescending().FirstOrDefault() ?? "pg_dump";
        var start = new ProcessStartInfo(pgDump,
            ["--host", connection.Host!, "--port", connection.Port.ToString(), "--username", connection.Username!,
             "--dbname", connection.Database!, "--no-password"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        if (connection.Password is { } password)
            start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await error);
        var dump = await output;
        dump.ShouldContain("mt_events");
        return dump;
    }
}
