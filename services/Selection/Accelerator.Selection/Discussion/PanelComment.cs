using Accelerator.Selection.Candidates;
using Accelerator.ServiceDefaults;
using System.Security.Claims;

namespace Accelerator.Selection.Discussion;

public sealed record PanelCommentPosted(
    Guid CommentId, Guid ApplicationId, Guid CohortId, string AuthorSub, string AuthorName, string AuthorRole, string Text, DateTimeOffset PostedAt);

/// <summary>One message of the panel's discussion of an application (its own stream, inline snapshot), so that a long
/// discussion is paged rather than carried in the candidate.</summary>
public sealed record PanelComment(
    Guid Id, Guid ApplicationId, Guid CohortId, string AuthorSub, string AuthorName, string AuthorRole, string Text, DateTimeOffset PostedAt)
{
    public static PanelComment Create(PanelCommentPosted posted) => new(
        posted.CommentId, posted.ApplicationId, posted.CohortId, posted.AuthorSub, posted.AuthorName, posted.AuthorRole, posted.Text, posted.PostedAt);
}

public enum DiscussionAccess { Open, ReviewFirst, Hidden }

public static class DiscussionRules
{
    /// <summary>
    /// HotCRP's rule: staff always take part; a reviewer of the application joins once it has submitted its own review
    /// (nobody scores after reading the others); anyone else, applicants first, does not learn that it exists. A
    /// reviewer released for a conflict is no longer one of its reviewers.
    /// </summary>
    public static DiscussionAccess Access(Candidate? candidate, ClaimsPrincipal caller)
    {
        if (candidate is null)
            return DiscussionAccess.Hidden;
        if (caller.IsInRole(Roles.Operator))
            return DiscussionAccess.Open;
        if (!caller.IsInRole(Roles.Reviewer) || candidate.ReviewerWithSub(caller.Subject()) is not { } reviewer)
            return DiscussionAccess.Hidden;
        return candidate.ReviewBy(reviewer.ReviewerId) is null ? DiscussionAccess.ReviewFirst : DiscussionAccess.Open;
    }

    /// <summary>The refusal for a caller who may not read or write, or null when it may.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Refusal(DiscussionAccess access, Guid applicationId) => access switch
    {
        DiscussionAccess.Open => null,
        DiscussionAccess.ReviewFirst => ProblemKinds.ReviewFirst.Problem(
            $"The panel's discussion of application {applicationId} opens to you once you have submitted your own review of it."),
        _ => ProblemKinds.NotFound.Problem($"There is no discussion of application {applicationId} for you."),
    };
}
