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
    DateTimeOffset RegisteredAt,
    string? Email)
{
    public static ReviewerResponse From(Reviewer r) => new(r.Id, r.Sub, r.Name, r.Organisation, r.Expertise, r.Conflicts, r.RegisteredAt, r.Email);
}

public static class GetReviewers
{
    /// <summary>In id order (v7 ids sort by registration; it was by name), paged like every list.</summary>
    public static async Task<Results<Ok<List<ReviewerResponse>>, ValidationProblem>> List(
        string? limit, string? after, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var page = Paging.Parse(limit, after, validation);
        if (!validation.IsValid)
            return validation.ToProblem();

        var reviewers = await session.Query<Reviewer>().Page(r => r.Id, page).ToListAsync(ct);
        return TypedResults.Ok(http.Answer(reviewers, page, r => r.Id).Select(ReviewerResponse.From).ToList());
    }

    public static async Task<Results<Ok<ReviewerResponse>, ProblemHttpResult>> ById(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Reviewer>(id, ct) is { } reviewer
            ? TypedResults.Ok(ReviewerResponse.From(reviewer))
            : ProblemKinds.NotFound.Problem($"There is no reviewer {id}.");
}
