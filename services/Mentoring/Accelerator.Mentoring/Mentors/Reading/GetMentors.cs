using System.Security.Claims;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Mentoring.Mentors.Reading;

public static class GetMentors
{
    public static async Task<Ok<MentorResponse[]>> List(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var mentors = await session.Query<Mentor>().ToListAsync(ct);
        return TypedResults.Ok(mentors.OrderBy(m => m.RegisteredAt).ThenBy(m => m.Id)
            .Select(m => MentorResponse.From(m, MaySeeMentees(http.User, m))).ToArray());
    }

    public static async Task<Results<Ok<MentorResponse>, ProblemHttpResult>> ById(
        Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Mentor>(id, ct) is { } mentor
            ? TypedResults.Ok(MentorResponse.From(mentor, MaySeeMentees(http.User, mentor)))
            : ProblemKinds.NotFound.Problem($"There is no mentor {id}.");

    private static bool MaySeeMentees(ClaimsPrincipal user, Mentor mentor) =>
        user.IsInRole(Roles.Operator) || user.Subject() == mentor.Sub;
}
