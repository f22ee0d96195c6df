namespace Accelerator.Selection.Reviewers;

public sealed record ReviewerRegistered(
    Guid ReviewerId,
    string Sub,
    string Name,
    string Organisation,
    IReadOnlyList<string> Expertise,
    IReadOnlyList<string> Conflicts,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    string? Email = null);

/// <summary>A member of the selection panel (inline snapshot), known to the platform by the <c>sub</c> of its token.</summary>
public sealed record Reviewer(
    Guid Id,
    string Sub,
    string Name,
    string Organisation,
    IReadOnlyList<string> Expertise,
    IReadOnlyList<string> Conflicts,
    DateTimeOffset RegisteredAt,
    string? Email = null)
{
    public static Reviewer Create(ReviewerRegistered registered) => new(
        registered.ReviewerId, registered.Sub, registered.Name, registered.Organisation, registered.Expertise,
        registered.Conflicts, registered.RegisteredAt, registered.Email);

    public bool IsConflictedWith(string startupName) =>
        Conflicts.Any(conflict => string.Equals(conflict.Trim(), startupName.Trim(), StringComparison.OrdinalIgnoreCase));
}
