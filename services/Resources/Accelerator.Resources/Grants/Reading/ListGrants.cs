using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Resources.Grants.Reading;

public sealed record GrantFilter(Guid? ApplicationId, PageRequest Page);

/// <summary>Grants the caller may see (staff all, a partner those of its kinds, an applicant its own), in id order, paged by keyset.</summary>
public static class ListGrants
{
    public static GrantFilter? Parse(string? applicationId, string? limit, string? after, Validation v)
    {
        var application = Paging.Optional(applicationId, Paging.AsId, "applicationId", "applicationId must be a GUID.", v);
        var page = Paging.Parse(limit, after, v);
        return v.IsValid ? new GrantFilter(application, page) : null;
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
        var page = await query.Page(g => g.Id, filter.Page).ToListAsync(ct);
        return TypedResults.Ok(http.Answer(page, filter.Page, g => g.Id).Select(GrantResponse.From).ToArray());
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
}
