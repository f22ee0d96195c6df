using Accelerator.Selection.Ranking;

namespace Accelerator.Selection.Decisions;

/// <summary>The panel's decision, once per cohort: the ranking becomes the queue for seats, best first.</summary>
public sealed record SelectionDecided(Guid CohortId, IReadOnlyList<RankedCandidate> Ranking, string DecidedBy, DateTimeOffset DecidedAt);

public sealed record CandidateRejected(Guid CohortId, Guid ApplicationId, DateTimeOffset RejectedAt);

/// <summary>Every seat is taken or the waitlist is exhausted.</summary>
public sealed record SelectionCompleted(Guid CohortId, IReadOnlyList<Guid> Admitted, DateTimeOffset CompletedAt);
