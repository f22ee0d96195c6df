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

/// <summary>Evolves a candidate as its stream would, for Given/When/Then tests.</summary>
public static class CandidateHistory
{
    public static Candidate Given(this Candidate candidate, params object[] events) =>
        events.Aggregate(candidate, (c, e) => e switch
        {
            ReviewerAssigned x => c.Apply(x),
            ReviewSubmitted x => c.Apply(x),
            ReviewerConflictDeclared x => c.Apply(x),
            OverrideSet x => c.Apply(x),
            OverrideRemoved x => c.Apply(x),
            CandidateWithdrawn x => c.Apply(x),
            CandidateDecided x => c.Apply(x),
            _ => throw new ArgumentException($"No Apply for {e.GetType().Name}"),
        });

    public static ReviewerAssigned AssignedTo(this Candidate candidate, Guid reviewerId, string sub) =>
        new(candidate.Id, candidate.Submission.CohortId, reviewerId, sub, SelectionScenario.Now);

    /// <summary>A review scoring every criterion <paramref name="score"/>.</summary>
    public static ReviewSubmitted ReviewedBy(this Candidate candidate, Guid reviewerId, string sub, int score) =>
        new(candidate.Id, candidate.Submission.CohortId, reviewerId, sub, new ReviewScores(score, score, score, score), null, SelectionScenario.Now);

    /// <summary>The candidate as a panel of (reviewer, score) reviewed it.</summary>
    public static Candidate ReviewedBy(this Candidate candidate, params (Guid ReviewerId, int Score)[] reviews) =>
        candidate.Given(reviews.SelectMany(r => new object[]
        {
            candidate.AssignedTo(r.ReviewerId, $"sub-{r.ReviewerId}"), candidate.ReviewedBy(r.ReviewerId, $"sub-{r.ReviewerId}", r.Score),
        }).ToArray());
}
