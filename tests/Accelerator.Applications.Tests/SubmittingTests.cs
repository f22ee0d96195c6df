using Accelerator.Applications.Applications;
using Accelerator.Applications.Applications.Drafting;
using Accelerator.Applications.Applications.Submitting;
using Accelerator.Applications.Cohorts;
using Accelerator.ServiceDefaults;

namespace Accelerator.Applications.Tests;

/// <summary>Given events, when a command, then events (or the refusal).</summary>
public sealed class SubmittingTests
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2027, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Cohort Cohort = Cohort.Create(new CohortCreated(Guid.NewGuid(), "Spring", 5, Opens, Closes,
        new DateOnly(2027, 2, 1), new DateOnly(2027, 8, 1), TimeSpan.FromDays(7), 3, new ResourcePackage(100, 5, "fr-par"),
        "ops", Opens.AddDays(-10)));

    private static readonly ApplicationContent Content = new(new Startup("Forge", "https://forge.example", "FR", Stage.Growth),
        [new Founder("Camille", "camille@forge.example")], "LLM", ["meta-llama/Llama-3.1-8B"], null,
        new OpenSource("https://github.com/forge/forge", "MIT"), ["nlp"], 100);

    private static Application Drafted(DateTimeOffset at) =>
        Application.Create(DraftApplication.Decide(Guid.NewGuid(), Cohort, "alice", Content, at));

    [Fact]
    public void A_draft_submitted_while_the_call_is_open_is_submitted_with_its_content()
    {
        var draft = Drafted(Opens.AddDays(1));

        var submitted = SubmitApplication.Decide(draft, Cohort, Opens.AddDays(2));

        submitted.ShouldBe(new ApplicationSubmitted(draft.Id, Cohort.Id, "alice", Content, Opens.AddDays(2)));
        draft.Apply(submitted).Status.ShouldBe(ApplicationStatus.Submitted);
    }

    [Fact]
    public void A_draft_may_be_started_before_the_call_opens_but_not_submitted() =>
        Should.Throw<ConflictException>(() => SubmitApplication.Decide(Drafted(Opens.AddDays(-1)), Cohort, Opens.AddMinutes(-1)))
            .ShouldSatisfyAllConditions(e => e.Kind.ShouldBe(ProblemKinds.CallNotOpen), e => e.Message.ShouldContain("opens at"));

    [Fact]
    public void Submitting_at_or_after_the_deadline_is_refused() =>
        Should.Throw<ConflictException>(() => SubmitApplication.Decide(Drafted(Opens), Cohort, Closes))
            .ShouldSatisfyAllConditions(e => e.Kind.ShouldBe(ProblemKinds.CallClosed), e => e.Message.ShouldContain("closed at"));

    [Fact]
    public void Drafting_after_the_deadline_is_refused() =>
        Should.Throw<ConflictException>(() => Drafted(Closes.AddSeconds(1)));

    [Fact]
    public void Submitting_twice_is_refused()
    {
        var draft = Drafted(Opens);
        var submitted = draft.Apply(SubmitApplication.Decide(draft, Cohort, Opens.AddHours(1)));

        Should.Throw<ConflictException>(() => SubmitApplication.Decide(submitted, Cohort, Opens.AddHours(2)))
            .ShouldSatisfyAllConditions(e => e.Kind.ShouldBe(ProblemKinds.AlreadyDone), e => e.Message.ShouldContain("not a draft"));
    }

    [Fact]
    public void Submitting_after_staff_closed_the_call_early_is_refused()
    {
        var draft = Drafted(Opens);
        var closed = Cohort.Apply(new CallClosed(Cohort.Id, 0, "ops", Opens.AddDays(1)));

        Should.Throw<ConflictException>(() => SubmitApplication.Decide(draft, closed, Opens.AddDays(2)))
            .Message.ShouldContain("closed at");
    }
}
