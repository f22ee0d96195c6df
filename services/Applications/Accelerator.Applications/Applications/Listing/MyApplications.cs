using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Applications.Listing;

/// <summary>The applicant's own applications, in id order, paged like every list.</summary>
public static class MyApplications
{
    public static async Task<Results<Ok<ApplicationResponse[]>, ValidationProblem>> Handle(
        string? limit, string? after, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var page = Paging.Parse(limit, after, validation);
        if (!validation.IsValid)
            return validation.ToProblem();

        var subject = http.User.Subject();
        var mine = await session.Query<Application>().Where(a => a.ApplicantId == subject).Page(a => a.Id, page).ToListAsync(ct);
        return TypedResults.Ok(http.Answer(mine, page, a => a.Id).Select(ApplicationResponse.From).ToArray());
    }
}
