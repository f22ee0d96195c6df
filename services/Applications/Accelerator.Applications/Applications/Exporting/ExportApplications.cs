using Accelerator.Applications.Applications.Listing;
using Accelerator.Applications.Cohorts;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Applications.Exporting;

/// <summary>
/// A cohort's applications as CSV for the board meeting, streamed: read by keyset in batches and written to the
/// response as they come, so an export of any size holds one batch in memory. No founders' names or e-mails: an
/// export leaves the platform, where an erasure (GDPR) could not reach it.
/// </summary>
public static class ExportApplications
{
    public const int BatchSize = 200;

    public static readonly string[] Columns =
    [
        "applicationId", "cohortId", "status", "startupName", "website", "country", "stage", "summary", "foundationModels",
        "integrationPlan", "repositoryUrl", "license", "domains", "requestedGpuHours", "founders", "draftedAt", "submittedAt", "withdrawnAt",
    ];

    public static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> Handle(
        string? cohortId, string? status, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var filter = ListApplications.Parse(cohortId, status, null, null, validation);
        if (filter is not null)
            validation.Check(filter.CohortId is not null, "cohortId", "cohortId is required: an export is of one cohort.");
        if (!validation.IsValid || filter?.CohortId is not { } cohort)
            return validation.ToProblem();
        if (await session.LoadAsync<Cohort>(cohort, ct) is null)
            return ProblemKinds.NotFound.Problem($"There is no cohort {cohort}.");

        return CsvWriter.Download($"applications-{cohort}.csv", async csv =>
        {
            await csv.Header(Columns).EndRowAsync(ct);
            Guid? after = null;
            while (true)
            {
                var query = session.Query<Application>().Where(a => a.CohortId == cohort);
                if (filter.Status is { } wanted)
                    query = query.Where(a => a.Status == wanted);
                var batch = await query.Page(a => a.Id, new PageRequest(BatchSize, after)).ToListAsync(ct);
                foreach (var application in batch.Take(BatchSize))
                    await Row(csv, application).EndRowAsync(ct);
                if (batch.Count <= BatchSize)
                    break;
                after = batch[BatchSize - 1].Id;
            }
        });
    }

    private static CsvWriter Row(CsvWriter csv, Application a)
    {
        var c = a.Content;
        return csv.Id(a.Id).Id(a.CohortId).Text(a.Status.ToString().ToLowerInvariant()).Text(c.Startup.Name).Text(c.Startup.Website)
            .Text(c.Startup.Country).Text(c.Startup.Stage.ToString().ToLowerInvariant()).Text(c.Summary)
            .Text(string.Join("; ", c.FoundationModels)).Text(c.IntegrationPlan).Text(c.OpenSource.RepositoryUrl).Text(c.OpenSource.License)
            .Text(string.Join("; ", c.Domains)).Number(c.RequestedGpuHours).Number(c.Founders.Count)
            .Instant(a.DraftedAt).Instant(a.SubmittedAt).Instant(a.WithdrawnAt);
    }
}
