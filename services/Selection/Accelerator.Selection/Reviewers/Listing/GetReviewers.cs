using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Reviewers.Listing;

public sealed record ReviewerResponse(
    Guid Id,
    string Sub,
    string Name,
    string Organisation,
    IReadOnlyList<string> Expertise,
    IReadOnlyList<string> Conflicts,
    DateTimeOffset RegisteredAt)
{
    public static ReviewerResponse From(Reviewer r) => new(r.Id, r.Sub, r.Name, r.Organisation, r.Expertise, r.Conflicts, r.RegisteredAt);
}

public static class GetReviewers
{
    public static async Task<Ok<List<ReviewerResponse>>> List(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<Reviewer>().OrderBy(r => r.Name).ThenBy(r => r.Sub).ToListAsync(ct))
            .Select(ReviewerResponse.From).ToList());

    public static async Task<Results<Ok<ReviewerResponse>, ProblemHttpResult>> ById(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Reviewer>(id, ct) is { } reviewer
            ? TypedResults.Ok(ReviewerResponse.From(reviewer))
            : ProblemKinds.NotFound.Problem($"There is no reviewer {id}.");
}
