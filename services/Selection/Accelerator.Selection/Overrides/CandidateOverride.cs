namespace Accelerator.Selection.Candidates;

public enum OverrideDecision { Admit, Reject }

/// <summary>Staff overrule the ranking for this candidate, before the decision: an admit takes a seat ahead of the
/// ranking, a reject leaves it out. Setting another replaces it.</summary>
public sealed record OverrideSet(Guid ApplicationId, Guid CohortId, OverrideDecision Decision, string Reason, string SetBy, DateTimeOffset SetAt);

public sealed record OverrideRemoved(Guid ApplicationId, Guid CohortId, string RemovedBy, DateTimeOffset RemovedAt);

public sealed record CandidateOverride(OverrideDecision Decision, string Reason, string SetBy, DateTimeOffset SetAt);

public sealed partial record Candidate
{
    public CandidateOverride? Override { get; init; }

    public Candidate Apply(OverrideSet set) => this with { Override = new CandidateOverride(set.Decision, set.Reason, set.SetBy, set.SetAt) };

    public Candidate Apply(OverrideRemoved removed) => this with { Override = null };
}
