using System.Security.Claims;
using Accelerator.Selection.Discussion;
using Accelerator.ServiceDefaults;
using static Accelerator.Selection.Tests.SelectionScenario;

namespace Accelerator.Selection.Tests;

/// <summary>HotCRP's rule for the panel's discussion: a reviewer joins after submitting its own review.</summary>
public sealed class DiscussionTests
{
    private static readonly Guid ReviewerId = Guid.NewGuid();

    private static ClaimsPrincipal Caller(string sub, params string[] roles) => new(new ClaimsIdentity(
        [new Claim(AcceleratorClaims.Sub, sub), .. roles.Select(r => new Claim(AcceleratorClaims.Role, r))],
        "test", AcceleratorClaims.Sub, AcceleratorClaims.Role));

    private static Candidates.Candidate Assigned()
    {
        var candidate = Candidate(Cohort(1), "Forge", null);
        return candidate.Given(candidate.AssignedTo(ReviewerId, "rita"));
    }

    [Fact]
    public void Staff_always_take_part()
    {
        DiscussionRules.Access(Assigned(), Caller("staff", Roles.Operator)).ShouldBe(DiscussionAccess.Open);
    }

    [Fact]
    public void An_assigned_reviewer_joins_only_after_submitting_its_own_review()
    {
        var candidate = Assigned();
        DiscussionRules.Access(candidate, Caller("rita", Roles.Reviewer)).ShouldBe(DiscussionAccess.ReviewFirst);

        var reviewed = candidate.Given(candidate.ReviewedBy(ReviewerId, "rita", 4));

        DiscussionRules.Access(reviewed, Caller("rita", Roles.Reviewer)).ShouldBe(DiscussionAccess.Open);
    }

    [Fact]
    public void Applicants_other_reviewers_and_reviewers_released_for_a_conflict_do_not_learn_it_exists()
    {
        var candidate = Assigned();
        var reviewed = candidate.Given(candidate.ReviewedBy(ReviewerId, "rita", 4));
        var released = reviewed.Given(new Candidates.ReviewerConflictDeclared(candidate.Id, candidate.Submission.CohortId, ReviewerId, "rita",
            "Investor", false, Now));

        DiscussionRules.Access(reviewed, Caller(candidate.Submission.ApplicantId, Roles.Applicant)).ShouldBe(DiscussionAccess.Hidden);
        DiscussionRules.Access(reviewed, Caller("rita", Roles.Applicant)).ShouldBe(DiscussionAccess.Hidden);
        DiscussionRules.Access(reviewed, Caller("other", Roles.Reviewer)).ShouldBe(DiscussionAccess.Hidden);
        DiscussionRules.Access(released, Caller("rita", Roles.Reviewer)).ShouldBe(DiscussionAccess.Hidden);
        DiscussionRules.Access(null, Caller("staff", Roles.Operator)).ShouldBe(DiscussionAccess.Hidden);
    }

    [Fact]
    public void A_comment_has_text_of_at_most_4000_characters()
    {
        var candidate = Assigned();
        PostComment.Decide(new CommentRequest(" "), candidate, Guid.NewGuid(), "staff", "staff", Roles.Operator, Now).Posted.ShouldBeNull();
        PostComment.Decide(new CommentRequest(new string('x', 4001)), candidate, Guid.NewGuid(), "staff", "staff", Roles.Operator, Now)
            .Posted.ShouldBeNull();
        PostComment.Decide(new CommentRequest(" Strong team "), candidate, Guid.NewGuid(), "staff", "staff", Roles.Operator, Now)
            .Posted!.Text.ShouldBe("Strong team");
    }
}
