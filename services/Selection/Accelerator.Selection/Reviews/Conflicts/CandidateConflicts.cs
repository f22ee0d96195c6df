namespace Accelerator.Selection.Candidates;

/// <summary>A reviewer found, after assignment, a conflict of interest with the application: it is released from it for
/// good. While reviews are open its review, if any, is discarded too: a conflicted score must not count.</summary>
public sealed record ReviewerConflictDeclared(
    Guid ApplicationId,
    Guid CohortId,
    Guid ReviewerId,
    string ReviewerSub,
    string Reason,
    bool ReviewDiscarded,
    DateTimeOffset DeclaredAt);

public sealed record DeclaredConflict(Guid ReviewerId, string ReviewerSub, string Reason, DateTimeOffset DeclaredAt);

public sealed partial record Candidate
{
    public IReadOnlyList<DeclaredConflict> DeclaredConflicts { get; init; } = [];

    public Candidate Apply(ReviewerConflictDeclared declared)
    {
        var released = this with
        {
            Reviewers = Reviewers.Where(r => r.ReviewerId != declared.ReviewerId).ToList(),
            DeclaredConflicts = [.. DeclaredConflicts, new DeclaredConflict(declared.ReviewerId, declared.ReviewerSub, declared.Reason, declared.DeclaredAt)],
        };
        if (!declared.ReviewDiscarded)
            return released;
        List<Review> reviews = [.. Reviews.Where(r => r.ReviewerId != declared.ReviewerId)];
        return released with { Reviews = reviews, ReviewCount = reviews.Count, AverageScore = AverageOf(reviews) };
    }
}
