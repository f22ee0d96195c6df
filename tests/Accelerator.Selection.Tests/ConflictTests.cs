using Accelerator.Selection.Candidates;
using Accelerator.Selection.Reviews.Assigning;
using Accelerator.Selection.Reviews.Conflicts;
using static Accelerator.Selection.Tests.SelectionScenario;

namespace Accelerator.Selection.Tests;

/// <summary>Given an assigned candidate, when a reviewer declares a conflict, then the release, the memory of it and the
/// replacement.</summary>
public sealed class ConflictTests
{
    private static readonly PanelMember Ann = new(Guid.NewGuid(), "ann", []);
    private static readonly PanelMember Bea = new(Guid.NewGuid(), "bea", []);
    private static readonly PanelMember Cid = new(Guid.NewGuid(), "cid", []);
    private static readonly PanelMember Dan = new(Guid.NewGuid(), "dan", []);

    private static Candidate AssignedTo(string startup, params PanelMember[] reviewers)
    {
        var candidate = Candidate(Cohort(2), startup, null);
        return candidate.Given(reviewers.Select(r => (object)candidate.AssignedTo(r.ReviewerId, r.Sub)).ToArray());
    }

    private static List<Assignment> Assignments(params Candidate[] candidates) =>
        candidates.SelectMany(c => c.Reviewers.Select(r => new Assignment(c.Id, r.ReviewerId))).ToList();

    [Fact]
    public void The_reviewer_is_released_its_review_discarded_and_the_least_loaded_free_reviewer_replaces_it()
    {
        var forge = AssignedTo("Forge", Ann, Bea);
        forge = forge.Given(forge.ReviewedBy(Ann.ReviewerId, Ann.Sub, 5), forge.ReviewedBy(Bea.ReviewerId, Bea.Sub, 3));
        var busy = AssignedTo("Busy", Cid);
        var conflicted = Dan with { Conflicts = ["forge"] };
        var idle = new PanelMember(Guid.NewGuid(), "eve", []);

        var events = DeclareConflict.Decide(forge, forge.ReviewerWithSub("ann")!, " Former employer ", reviewsOpen: true,
            [Ann, Bea, Cid, conflicted, idle], Assignments(forge, busy), Now);

        events.ShouldBe([
            new ReviewerConflictDeclared(forge.Id, forge.Submission.CohortId, Ann.ReviewerId, "ann", "Former employer", true, Now),
            new ReviewerAssigned(forge.Id, forge.Submission.CohortId, idle.ReviewerId, "eve", Now, forge.Submission.StartupName),
        ]);
        var after = forge.Given([.. events]);
        after.Reviewers.Select(r => r.Sub).ShouldBe(["bea", "eve"]);
        after.ReviewCount.ShouldBe(1);
        after.AverageScore.ShouldBe(3.0);
        after.DeclaredConflicts.ShouldHaveSingleItem().Reason.ShouldBe("Former employer");
    }

    [Fact]
    public void A_later_assignment_run_never_gives_the_application_back_to_the_reviewer_who_declared_the_conflict()
    {
        var forge = AssignedTo("Forge", Ann);
        forge = forge.Given([.. DeclareConflict.Decide(forge, forge.ReviewerWithSub("ann")!, "Investor", true, [Ann], [], Now)]);

        var plan = ReviewerAssignment.Assign(
            [new ApplicationToStaff(forge.Id, "Forge", forge.Submission.ApplicantId, forge.DeclaredConflicts.Select(c => c.ReviewerId).ToList())],
            [Ann], 1, []);

        plan.Added.ShouldBeEmpty();
        plan.Understaffed.ShouldBe([forge.Id]);
    }

    [Fact]
    public void With_nobody_free_the_reviewer_is_released_and_nobody_replaces_it()
    {
        var forge = AssignedTo("Forge", Ann, Bea);

        var events = DeclareConflict.Decide(forge, forge.ReviewerWithSub("ann")!, "Co-founder's sibling", true, [Ann, Bea], Assignments(forge), Now);

        events.ShouldHaveSingleItem().ShouldBeOfType<ReviewerConflictDeclared>().ReviewDiscarded.ShouldBeFalse();
        forge.Given([.. events]).Reviewers.Select(r => r.Sub).ShouldBe(["bea"]);
    }

    [Fact]
    public void Once_reviews_are_closed_the_conflict_is_remembered_but_the_review_stays_as_decided_and_nobody_is_assigned()
    {
        var forge = AssignedTo("Forge", Ann);
        forge = forge.Given(forge.ReviewedBy(Ann.ReviewerId, Ann.Sub, 4));

        var events = DeclareConflict.Decide(forge, forge.ReviewerWithSub("ann")!, "Late discovery", reviewsOpen: false, [Ann, Bea], Assignments(forge), Now);

        var after = forge.Given(events.ShouldHaveSingleItem());
        after.Reviewers.ShouldBeEmpty();
        after.AverageScore.ShouldBe(4.0);
        after.DeclaredConflicts.ShouldHaveSingleItem().ReviewerId.ShouldBe(Ann.ReviewerId);
    }

    [Fact]
    public void The_replacement_keeps_the_load_even_across_the_cohort()
    {
        var forge = AssignedTo("Forge", Ann);
        var one = AssignedTo("One", Bea);
        var two = AssignedTo("Two", Bea, Cid);

        var events = DeclareConflict.Decide(forge, forge.ReviewerWithSub("ann")!, "Shareholder", true, [Ann, Bea, Cid], Assignments(forge, one, two), Now);

        events.OfType<ReviewerAssigned>().ShouldHaveSingleItem().ReviewerSub.ShouldBe("cid");
    }

    [Fact]
    public void A_reason_is_required_and_bounded()
    {
        DeclareConflict.Validate(new ConflictRequest(" ")).IsValid.ShouldBeFalse();
        DeclareConflict.Validate(new ConflictRequest(new string('x', DeclareConflict.MaxReasonLength + 1))).IsValid.ShouldBeFalse();
        DeclareConflict.Validate(new ConflictRequest("Former employer")).IsValid.ShouldBeTrue();
    }
}
