using Accelerator.Selection.Candidates;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Discussion;

public sealed record CommentResponse(Guid Id, Guid ApplicationId, string AuthorSub, string AuthorName, string AuthorRole, string Text, DateTimeOffset At)
{
    public static CommentResponse From(PanelComment c) => new(c.Id, c.ApplicationId, c.AuthorSub, c.AuthorName, c.AuthorRole, c.Text, c.PostedAt);
}

/// <summary>The discussion in id order (v7 ids: the order it was written in), paged like every list.</summary>
public static class GetComments
{
    public static async Task<Results<Ok<List<CommentResponse>>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid applicationId, string? limit, string? after, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var candidate = await session.LoadAsync<Candidate>(applicationId, ct);
        if (DiscussionRules.Refusal(DiscussionRules.Access(candidate, http.User), applicationId) is { } refusal)
            return refusal;
        var validation = new Validation();
        var page = Paging.Parse(limit, after, validation);
        if (!validation.IsValid)
            return validation.ToProblem();

        var comments = await session.Query<PanelComment>().Where(c => c.ApplicationId == applicationId).Page(c => c.Id, page).ToListAsync(ct);
        return TypedResults.Ok(http.Answer(comments, page, c => c.Id).Select(CommentResponse.From).ToList());
    }
}
