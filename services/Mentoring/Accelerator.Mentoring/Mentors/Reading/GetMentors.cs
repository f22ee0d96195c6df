using System.Security.Claims;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Mentoring.Mentors.Reading;

public static class GetMentors
{
    /// <summary>In id order (v7 ids sort by registration), paged like every list.</summary>
    public static async Task<Results<Ok<MentorResponse[]>, ValidationProblem>> List(
        string? limit, string? after, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var page = Paging.Parse(limit, after, validation);
        if (!validation.IsValid)
            return validation.ToProblem();

        var mentors = await session.Query<Mentor>().Page(m => m.Id, page).ToListAsync(ct);
        return TypedResults.Ok(http.Answer(mentors, page, m => m.Id)
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
