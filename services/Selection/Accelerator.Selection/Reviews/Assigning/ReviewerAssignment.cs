namespace Accelerator.Selection.Reviews.Assigning;

/// <summary>What assignment needs of an application: the applicant's own <c>sub</c> is a conflict of interest too, and so
/// is every reviewer who declared one with it after assignment.</summary>
public sealed record ApplicationToStaff(Guid ApplicationId, string StartupName, string ApplicantId, IReadOnlyCollection<Guid>? DeclaredConflicts = null);

public sealed record PanelMember(Guid ReviewerId, string Sub, IReadOnlyList<string> Conflicts)
{
    public bool MayReview(ApplicationToStaff application) =>
        Sub != application.ApplicantId
        && application.DeclaredConflicts?.Contains(ReviewerId) != true
        && !Conflicts.Any(c => string.Equals(c.Trim(), application.StartupName.Trim(), StringComparison.OrdinalIgnoreCase));
}

public sealed record Assignment(Guid ApplicationId, Guid ReviewerId);

public sealed record AssignmentPlan(IReadOnlyList<Assignment> Added, IReadOnlyList<Guid> Understaffed);

public static class ReviewerAssignment
{
    /// <summary>
    /// Tops every application up to <paramref name="perApplication"/> distinct, non-conflicted reviewers, keeping the
    /// existing assignments. Greedy: the most constrained applications choose first, each taking the least-loaded
    /// reviewers (ties broken by sub, so a run is reproducible).
    /// </summary>
    public static AssignmentPlan Assign(
        IReadOnlyList<ApplicationToStaff> applications,
        IReadOnlyList<PanelMember> reviewers,
        int perApplication,
        IReadOnlyCollection<Assignment> existing)
    {
        var load = reviewers.ToDictionary(r => r.ReviewerId, r => existing.Count(a => a.ReviewerId == r.ReviewerId));
        var assigned = applications.ToDictionary(a => a.ApplicationId,
            a => existing.Where(e => e.ApplicationId == a.ApplicationId).Select(e => e.ReviewerId).ToHashSet());

        List<PanelMember> Available(ApplicationToStaff application) =>
            reviewers.Where(r => r.MayReview(application) && !assigned[application.ApplicationId].Contains(r.ReviewerId)).ToList();

        var added = new List<Assignment>();
        var understaffed = new List<Guid>();
        var byConstraint = applications
            .OrderBy(a => Available(a).Count - (perApplication - assigned[a.ApplicationId].Count))
            .ThenBy(a => a.ApplicationId);
        foreach (var application in byConstraint)
        {
            var reviewersOfIt = assigned[application.ApplicationId];
            var missing = perApplication - reviewersOfIt.Count;
            var chosen = Available(application)
                .OrderBy(r => load[r.ReviewerId]).ThenBy(r => r.Sub, StringComparer.Ordinal)
                .Take(Math.Max(0, missing));
            foreach (var reviewer in chosen)
            {
                reviewersOfIt.Add(reviewer.ReviewerId);
                load[reviewer.ReviewerId]++;
                added.Add(new Assignment(application.ApplicationId, reviewer.ReviewerId));
            }
            if (reviewersOfIt.Count < perApplication)
                understaffed.Add(application.ApplicationId);
        }
        return new AssignmentPlan(added, understaffed);
    }
}
