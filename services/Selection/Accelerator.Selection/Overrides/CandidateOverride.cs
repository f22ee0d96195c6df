namespace Accelerator.Selection.Candidates;

public enum OverrideDecision { Admit, Reject }

/// <summary>Staff overrule the ranking for this candidate, before the decision: an admit takes a seat ahead of the
/// ranking, a reject leaves it out. Setting another replaces it.</summary>
public sealed record OverrideSet(Guid ApplicationId, Guid CohortId, OverrideDecision Decision, string Reason, string SetBy, DateTimeOffset SetAt);

public sealed record OverrideRemoved(Guid ApplicationId, Guid CohortId, string RemovedBy, DateTimeOffset RemovedAt);

public sealed record CandidateOverride(OverrideDecision Decision, string Reason, string SetBy, DateTimeOffset SetAt);

public enum OverrideAction { Admit, Reject, Removed }

/// <summary>One step of the candidate's overrides, kept for staff to see who overruled the ranking, when and why.</summary>
public sealed record OverrideHistoryEntry(OverrideAction Action, string? Reason, string By, DateTimeOffset At);

public sealed partial record Candidate
{
    public CandidateOverride? Override { get; init; }

    public IReadOnlyList<OverrideHistoryEntry> OverrideHistory { get; init; } = [];

    public Candidate Apply(OverrideSet set) => this with
    {
        Override = new CandidateOverride(set.Decision, set.Reason, set.SetBy, set.SetAt),
        OverrideHistory = [.. OverrideHistory, new OverrideHistoryEntry(
            set.Decision == OverrideDecision.Admit ? OverrideAction.Admit : OverrideAction.Reject, set.Reason, set.SetBy, set.SetAt)],
    };

    public Candidate Apply(OverrideRemoved removed) => this with
    {
        Override = null,
        OverrideHistory = [.. OverrideHistory, new OverrideHistoryEntry(OverrideAction.Removed, null, removed.RemovedBy, removed.RemovedAt)],
    };
}
