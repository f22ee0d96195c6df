using Accelerator.Selection.Reviews.Assigning;

namespace Accelerator.Selection.Tests;

public sealed class ReviewerAssignmentTests
{
    private static ApplicationToStaff Application(string startup) => new(Guid.NewGuid(), startup, $"founder-of-{startup}");

    private static PanelMember Reviewer(string sub, params string[] conflicts) => new(Guid.NewGuid(), sub, conflicts);

    private static ILookup<Guid, Guid> ByApplication(IEnumerable<Assignment> assignments) =>
        assignments.ToLookup(a => a.ApplicationId, a => a.ReviewerId);

    [Fact]
    public void Every_application_gets_the_requested_number_of_distinct_reviewers_with_even_load()
    {
        var applications = Enumerable.Range(1, 6).Select(i => Application($"Startup {i}")).ToList();
        var reviewers = Enumerable.Range(1, 4).Select(i => Reviewer($"reviewer-{i}")).ToList();

        var plan = ReviewerAssignment.Assign(applications, reviewers, 2, []);

        plan.Added.Count.ShouldBe(12);
        plan.Understaffed.ShouldBeEmpty();
        var byApplication = ByApplication(plan.Added);
        applications.ShouldAllBe(a => byApplication[a.ApplicationId].Distinct().Count() == 2);
        plan.Added.GroupBy(a => a.ReviewerId).Select(g => g.Count()).ShouldAllBe(load => load == 3);
    }

    [Fact]
    public void A_reviewer_never_reviews_a_startup_it_is_conflicted_with_whatever_the_case_or_spacing()
    {
        var forge = Application("Mistral Forge");
        var other = Application("Other Labs");
        var conflicted = Reviewer("alice", "  mistral FORGE ");
        var free = Enumerable.Range(1, 3).Select(i => Reviewer($"free-{i}")).ToList();

        var plan = ReviewerAssignment.Assign([forge, other], [conflicted, .. free], 3, []);

        ByApplication(plan.Added)[forge.ApplicationId].ShouldNotContain(conflicted.ReviewerId);
        ByApplication(plan.Added)[forge.ApplicationId].Count().ShouldBe(3);
        ByApplication(plan.Added)[other.ApplicationId].ShouldContain(conflicted.ReviewerId);
    }

    [Fact]
    public void The_applicant_never_reviews_its_own_application()
    {
        var forge = Application("Forge");
        var applicantAsReviewer = Reviewer(forge.ApplicantId);
        var plan = ReviewerAssignment.Assign([forge], [applicantAsReviewer, Reviewer("bob")], 2, []);

        plan.Added.ShouldNotContain(a => a.ReviewerId == applicantAsReviewer.ReviewerId);
        plan.Understaffed.ShouldBe([forge.ApplicationId]);
    }

    [Fact]
    public void Without_enough_free_reviewers_as_many_as_possible_are_assigned_and_the_application_is_reported()
    {
        var forge = Application("Forge");
        var easy = Application("Easy");
        var reviewers = new[] { Reviewer("a", "forge"), Reviewer("b", "FORGE"), Reviewer("c"), Reviewer("d") };

        var plan = ReviewerAssignment.Assign([forge, easy], reviewers, 3, []);

        var byApplication = ByApplication(plan.Added);
        byApplication[forge.ApplicationId].Count().ShouldBe(2);
        byApplication[easy.ApplicationId].Count().ShouldBe(3);
        plan.Understaffed.ShouldBe([forge.ApplicationId]);
    }

    [Fact]
    public void The_most_constrained_application_chooses_first_so_nobody_is_understaffed_needlessly()
    {
        // Choosing first, "Easy" would take c (ties go by sub), leaving "Forge", which only c may review, without one.
        var forge = Application("Forge");
        var easy = Application("Easy");
        var z = Reviewer("z", "Forge");
        var c = Reviewer("c");

        var plan = ReviewerAssignment.Assign([easy, forge], [z, c], 1, []);

        plan.Understaffed.ShouldBeEmpty();
        plan.Added.ShouldBe([new Assignment(forge.ApplicationId, c.ReviewerId), new Assignment(easy.ApplicationId, z.ReviewerId)],
            ignoreOrder: true);
    }

    [Fact]
    public void A_rerun_keeps_what_exists_and_only_tops_up_for_instance_with_a_reviewer_registered_later()
    {
        var applications = new[] { Application("One"), Application("Two") };
        var early = new[] { Reviewer("a"), Reviewer("b") };
        var first = ReviewerAssignment.Assign(applications, early, 3, []);
        first.Added.Count.ShouldBe(4);
        first.Understaffed.Count.ShouldBe(2);

        var late = Reviewer("z-late");
        var second = ReviewerAssignment.Assign(applications, [.. early, late], 3, first.Added);

        second.Added.ShouldBe(applications.Select(a => new Assignment(a.ApplicationId, late.ReviewerId)), ignoreOrder: true);
        second.Understaffed.ShouldBeEmpty();
        ReviewerAssignment.Assign(applications, [.. early, late], 3, [.. first.Added, .. second.Added]).Added.ShouldBeEmpty();
    }

    [Fact]
    public void Existing_load_counts_when_choosing_so_new_work_goes_to_the_least_loaded()
    {
        var busy = Reviewer("a-busy");
        var idle = Reviewer("b-idle");
        var old = Application("Old");
        var fresh = Application("Fresh");

        var plan = ReviewerAssignment.Assign([old, fresh], [busy, idle], 1, [new Assignment(old.ApplicationId, busy.ReviewerId)]);

        plan.Added.ShouldBe([new Assignment(fresh.ApplicationId, idle.ReviewerId)]);
    }

    [Fact]
    public void The_same_input_gives_the_same_plan()
    {
        var applications = Enumerable.Range(1, 5).Select(i => Application($"S{i}")).ToList();
        var reviewers = Enumerable.Range(1, 4).Select(i => Reviewer($"r{i}", i == 2 ? ["S3"] : [])).ToList();

        ReviewerAssignment.Assign(applications, reviewers, 2, []).Added
            .ShouldBe(ReviewerAssignment.Assign(applications.AsEnumerable().Reverse().ToList(), reviewers, 2, []).Added, ignoreOrder: true);
    }
}
