using System.Net;
using Accelerator.Applications.Applications;
using Accelerator.Applications.Applications.Submitting;
using Accelerator.Applications.Cohorts;
using Accelerator.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// The deadline burst: submissions of one cohort must not queue behind each other, and a close racing them must still
/// count exactly. A submission is held open mid-transaction here, as a slow one would be.
/// </summary>
public sealed class DeadlineBurstTests(AcceleratorSystem system)
{
    [Fact]
    public async Task A_submission_in_flight_does_not_hold_up_another_but_a_close_waits_for_it_and_counts_it()
    {
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var slow = await applicant.DraftAsync(Samples.Application(cohortId, "Slow"));
        var quick = await applicant.DraftAsync(Samples.Application(cohortId, "Quick"));
        var late = await applicant.DraftAsync(Samples.Application(cohortId, "Late"));
        var store = system.Applications.GetRequiredService<IDocumentStore>();

        await using (var inFlight = store.LightweightSession())
        {
            var stream = await inFlight.Events.FetchForWriting<Application>(slow);
            var cohort = (await inFlight.ShareCohortAsync(cohortId, CancellationToken.None)).ShouldNotBeNull();
            stream.AppendOne(SubmitApplication.Decide(stream.Aggregate!, cohort, DateTimeOffset.UtcNow));

            // Another submission of the same cohort goes through while this one is uncommitted.
            var submitted = await applicant.PostAsync($"/api/applications/{quick}/submit", null).WaitAsync(TimeSpan.FromSeconds(20));
            submitted.StatusCode.ShouldBe(HttpStatusCode.OK);

            // A close waits for the submission in flight...
            var close = staff.PostAsync($"/api/cohorts/{cohortId}/close", null);
            await Eventually.Until(() => CloseIsWaitingAsync(cohortId), "the close to wait for the cohort's lock");
            close.IsCompleted.ShouldBeFalse();
            await inFlight.SaveChangesAsync();

            // ...and counts it once it commits.
            (await close).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        await using var query = store.QuerySession();
        var closed = (await query.Events.FetchStreamAsync(cohortId)).Select(e => e.Data).OfType<CallClosed>().Single();
        closed.SubmittedCount.ShouldBe(2);
        (await applicant.PostAsync($"/api/applications/{late}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    private async Task<bool> CloseIsWaitingAsync(Guid cohortId)
    {
        await using var connection = new NpgsqlConnection(system.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select count(*) from pg_locks
            where locktype = 'advisory' and not granted and mode = 'ExclusiveLock'
              and ((classid::bigint << 32) | objid::bigint) = hashtextextended(@key, 0)
            """, connection) { Parameters = { new("key", $"cohort:{cohortId}") } };
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
