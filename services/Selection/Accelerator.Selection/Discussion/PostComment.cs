using Accelerator.Selection.Candidates;
using Accelerator.Selection.Reviewers;
using Accelerator.ServiceDefaults;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Discussion;

public sealed record CommentRequest(string? Text);

public static class PostComment
{
    public const int MaxTextLength = 4000;

    public static (PanelCommentPosted? Posted, Validation Validation) Decide(
        CommentRequest request, Candidate candidate, Guid commentId, string authorSub, string authorName, string authorRole, DateTimeOffset now)
    {
        var v = new Validation();
        if (!v.Text(request.Text, "text", MaxTextLength))
            return (null, v);
        return (new PanelCommentPosted(commentId, candidate.Id, candidate.Submission.CohortId, authorSub, authorName, authorRole,
            request.Text!.Trim(), now), v);
    }

    public static async Task<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid applicationId, CommentRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var candidate = await session.LoadAsync<Candidate>(applicationId, ct);
        if (DiscussionRules.Refusal(DiscussionRules.Access(candidate, http.User), applicationId) is { } refusal)
            return refusal;

        var commentId = Idempotency.NewId(http, $"comment:{applicationId}");
        if (Idempotency.HasKey(http) && await session.LoadAsync<PanelComment>(commentId, ct) is { } earlier)
            return Created(earlier);

        var sub = http.User.Subject();
        var (name, role) = http.User.IsInRole(Roles.Operator)
            ? (sub, Roles.Operator)
            : ((await session.Query<Reviewer>().FirstOrDefaultAsync(r => r.Sub == sub, ct))?.Name ?? sub, Roles.Reviewer);
        var (posted, validation) = PostComment.Decide(request, candidate!, commentId, sub, name, role, clock.GetUtcNow());
        if (posted is null)
            return validation.ToProblem();

        session.Events.StartStream<PanelComment>(commentId, posted);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ExistingStreamIdCollisionException)
        {
            // A concurrent repeat of the same Idempotency-Key posted it first.
            if (await session.LoadAsync<PanelComment>(commentId, ct) is { } first)
                return Created(first);
            throw;
        }
        return Created(PanelComment.Create(posted));
    }

    private static Created<CommentResponse> Created(PanelComment comment) =>
        TypedResults.Created($"/api/selection/applications/{comment.ApplicationId}/comments", CommentResponse.From(comment));
}
