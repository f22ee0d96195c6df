using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Decisions;

namespace Accelerator.Selection.Tests;

/// <summary>Givens for the selection process: a cohort whose call has closed, and candidates in it.</summary>
public static class SelectionScenario
{
    public static readonly DateTimeOffset ClosedAt = new(2025, 3, 1, 17, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = ClosedAt.AddDays(10);
    public static readonly TimeSpan Validity = TimeSpan.FromDays(7);

    public static SelectionCohort Cohort(int seats, params object[] events) =>
        SelectionCohort.Create(new CohortRegistered(Guid.NewGuid(), "Spring 2025", seats, ClosedAt, Validity, 3, ClosedAt.AddDays(-60)))
            .Evolve(events);

    public static Candidate Candidate(SelectionCohort cohort, string name, double? score, int reviews = 3, int submittedDay = 1,
        bool eligible = true, bool withdrawn = false)
    {
        var submittedAt = ClosedAt.AddDays(-30 + submittedDay);
        var submission = new Submission(Guid.NewGuid(), cohort.Id, $"applicant-{name}", name, Stage.Acceleration,
            ["meta-llama/Llama-3.1-8B"], null, "https://github.com/x/y", "MIT", ["nlp"], 500);
        var candidate = Candidates.Candidate.Create(new CandidateEntered(submission, submittedAt, submittedAt))
            .Apply(new CandidateScreened(submission.ApplicationId, cohort.Id, eligible, eligible ? [] : ["no"], submittedAt));
        return candidate with { ReviewCount = score is null ? 0 : reviews, AverageScore = score, Withdrawn = withdrawn };
    }

    /// <summary>A decided cohort: the candidates' events applied, the state as the next command sees it.</summary>
    public static SelectionCohort Decided(int seats, out IReadOnlyList<Candidate> candidates, params double[] scores)
    {
        var cohort = Cohort(seats);
        candidates = scores.Select((score, i) => Candidate(cohort, $"startup-{i}", score, submittedDay: i)).ToList();
        return cohort.Evolve(DecideSelection.Decide(cohort, candidates, "staff", Now));
    }

    public static T Single<T>(this IEnumerable<object> events) => events.OfType<T>().ShouldHaveSingleItem();
}
