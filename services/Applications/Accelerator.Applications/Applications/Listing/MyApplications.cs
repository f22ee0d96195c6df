using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Applications.Listing;

public static class MyApplications
{
    public static async Task<Ok<ApplicationResponse[]>> Handle(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var subject = http.User.Subject();
        var mine = await session.Query<Application>().Where(a => a.ApplicantId == subject).OrderBy(a => a.Id).ToListAsync(ct);
        return TypedResults.Ok(mine.Select(ApplicationResponse.From).ToArray());
    }
}
