using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Accelerator.Resources.Grants.Reading;

public sealed record GrantFilter(Guid? ApplicationId, int Limit, Guid? After);

/// <summary>Grants the caller may see (staff all, a partner those of its kinds, an applicant its own), in id order, paged by keyset.</summary>
public static class ListGrants
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static GrantFilter? Parse(string? applicationId, string? limit, string? after, Validation v)
    {
        Guid? application = null, afterId = null;
        int? pageSize = null;
        if (applicationId is not null && v.Check(Guid.TryParse(applicationId, out var a), "applicationId", "applicationId must be a GUID."))
            application = a;
        if (limit is not null && v.Check(int.TryParse(limit, out var l) && l is >= 1 and <= MaxLimit, "limit",
                $"limit must be a whole number from 1 to {MaxLimit}."))
            pageSize = int.Parse(limit);
        if (after is not null && v.Check(Guid.TryParse(after, out var b), "after", "after must be the id of the last grant of the previous page."))
            afterId = b;
        return v.IsValid ? new GrantFilter(application, pageSize ?? DefaultLimit, afterId) : null;
    }

    public static async Task<Results<Ok<GrantResponse[]>, ValidationProblem>> Handle(
        string? applicationId, string? limit, string? after, HttpContext http, IQuerySession session, Partners partners,
        CancellationToken ct)
    {
        var validation = new Validation();
        if (Parse(applicationId, limit, after, validation) is not { } filter)
            return validation.ToProblem();

        var query = Visible(session.Query<Grant>(), Caller.Of(http.User), partners);
        if (filter.ApplicationId is { } application)
            query = query.Where(g => g.ApplicationId == application);
        if (filter.After is { } afterId)
            query = query.Where(g => g.Id > afterId);
        var page = await query.OrderBy(g => g.Id).Take(filter.Limit).ToListAsync(ct);

        if (page.Count == filter.Limit)
            http.Response.Headers.Link = $"<{NextPage(http, page[^1].Id)}>; rel=\"next\"";
        return TypedResults.Ok(page.Select(GrantResponse.From).ToArray());
    }

    private static IQueryable<Grant> Visible(IQueryable<Grant> grants, Caller caller, Partners partners)
    {
        if (caller.IsOperator)
            return grants;
        var subject = caller.Subject;
        var kinds = caller.PartnerOrganisation is { } organisation ? partners.KindsOf(organisation) : [];
        if (kinds.Count == Enum.GetValues<GrantKind>().Length)
            return grants;
        if (kinds.Count == 1)
        {
            var kind = kinds[0];
            return grants.Where(g => g.ApplicantId == subject || g.Kind == kind);
        }
        return grants.Where(g => g.ApplicantId == subject);
    }

    private static string NextPage(HttpContext http, Guid lastId)
    {
        var query = http.Request.Query
            .Where(pair => pair.Key != "after")
            .SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value)))
            .Append(KeyValuePair.Create("after", (string?)lastId.ToString()));
        return QueryHelpers.AddQueryString("/api/grants", query);
    }
}
