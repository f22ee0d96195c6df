namespace Accelerator.Mentoring.Cohorts;

public sealed record CohortLearned(Guid CohortId, string Name, DateOnly ProgramStartsOn, DateOnly ProgramEndsOn, DateTimeOffset LearnedAt);

public sealed record CohortEnded(Guid CohortId, DateTimeOffset CompletedAt, DateTimeOffset EndedAt);

/// <summary>
/// A cohort as mentoring sees it: its programme period, and whether it completed. A cohort created before this
/// service first ran may be learned of only through its completion, so either event can start the stream.
/// </summary>
public sealed record MentoringCohort(Guid Id, string? Name, DateOnly? ProgramStartsOn, DateOnly? ProgramEndsOn, DateTimeOffset? CompletedAt)
{
    public static MentoringCohort Create(CohortLearned learned) =>
        new(learned.CohortId, learned.Name, learned.ProgramStartsOn, learned.ProgramEndsOn, null);

    public static MentoringCohort Create(CohortEnded ended) => new(ended.CohortId, null, null, null, ended.CompletedAt);

    public MentoringCohort Apply(CohortLearned learned) => this with
    {
        Name = learned.Name,
        ProgramStartsOn = learned.ProgramStartsOn,
        ProgramEndsOn = learned.ProgramEndsOn,
    };

    public MentoringCohort Apply(CohortEnded ended) => this with { CompletedAt = CompletedAt ?? ended.CompletedAt };
}
