using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Accelerator.Applications.Applications.Listing;

public sealed record ApplicationFilter(Guid? CohortId, ApplicationStatus? Status, int Limit, Guid? After);

/// <summary>The staff view: filtered, in id order (v7 ids sort by creation), paged by keyset on the id.</summary>
public static class ListApplications
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static ApplicationFilter? Parse(string? cohortId, string? status, string? limit, string? after, Validation v)
    {
        var cohort = Field(cohortId, AsGuid, "cohortId", "cohortId must be a cohort id (a GUID).", v);
        var wanted = Field(status, AsStatus, "status", "status must be one of draft, submitted, withdrawn.", v);
        var pageSize = Field(limit, AsLimit, "limit", $"limit must be a whole number from 1 to {MaxLimit}.", v);
        var afterId = Field(after, AsGuid, "after", "after must be the id of the last application of the previous page.", v);
        return v.IsValid ? new ApplicationFilter(cohort, wanted, pageSize ?? DefaultLimit, afterId) : null;
    }

    private static T? Field<T>(string? text, Func<string, T?> parse, string field, string message, Validation v) where T : struct
    {
        // Portals send empty filters for "any": an empty value is no filter.
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var value = parse(text);
        v.Check(value is not null, field, message);
        return value;
    }

    private static Guid? AsGuid(string text) => Guid.TryParse(text, out var id) ? id : null;

    private static ApplicationStatus? AsStatus(string text) =>
        EnumNames.TryParse<ApplicationStatus>(text, out var status) ? status : null;

    private static int? AsLimit(string text) => int.TryParse(text, out var limit) && limit is >= 1 and <= MaxLimit ? limit : null;

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
        if (filter.After is { } afterId)
            query = query.Where(a => a.Id > afterId);
        var page = await query.OrderBy(a => a.Id).Take(filter.Limit).ToListAsync(ct);

        if (page.Count == filter.Limit)
            http.Response.Headers.Link = $"<{NextPage(http, page[^1].Id)}>; rel=\"next\"";
        return TypedResults.Ok(page.Select(ApplicationResponse.From).ToArray());
    }

    private static string NextPage(HttpContext http, Guid lastId)
    {
        var query = http.Request.Query
            .Where(pair => pair.Key != "after")
            .SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value)))
            .Append(KeyValuePair.Create("after", (string?)lastId.ToString()));
        return QueryHelpers.AddQueryString("/api/applications", query);
    }
}
