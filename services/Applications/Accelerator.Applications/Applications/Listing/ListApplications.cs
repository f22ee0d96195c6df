using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Applications.Listing;

public sealed record ApplicationFilter(Guid? CohortId, ApplicationStatus? Status, PageRequest Page);

/// <summary>The staff view: filtered, in id order (v7 ids sort by creation), paged by keyset on the id.</summary>
public static class ListApplications
{
    public static ApplicationFilter? Parse(string? cohortId, string? status, string? limit, string? after, Validation v)
    {
        var cohort = Paging.Optional(cohortId, Paging.AsId, "cohortId", "cohortId must be a cohort id (a GUID).", v);
        var wanted = Paging.Optional(status, AsStatus, "status", "status must be one of draft, submitted, withdrawn.", v);
        var page = Paging.Parse(limit, after, v);
        return v.IsValid ? new ApplicationFilter(cohort, wanted, page) : null;
    }

    private static ApplicationStatus? AsStatus(string text) =>
        EnumNames.TryParse<ApplicationStatus>(text, out var status) ? status : null;

    public static async Task<Results<Ok<ApplicationResponse[]>, ValidationProblem>> Handle(
        string? cohortId, string? status, string? limit, string? after, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        if (Parse(cohortId, status, limit, after, validation) is not { } filter)
            return validation.ToProblem();

        var query = session.Query<Application>().AsQueryable();
        if (filter.CohortId is { } cohort)
            query = query.Where(a => a.CohortId == cohort);
        if (filter.Status is { } wanted)
            query = query.Where(a => a.Status == wanted);
        var page = await query.Page(a => a.Id, filter.Page).ToListAsync(ct);
        return TypedResults.Ok(http.Answer(page, filter.Page, a => a.Id).Select(ApplicationResponse.From).ToArray());
    }
}
