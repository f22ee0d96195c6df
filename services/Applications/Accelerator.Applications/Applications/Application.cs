namespace Accelerator.Applications.Applications;

public enum Stage { Idea, Mvp, Acceleration, Growth }

public enum ApplicationStatus { Draft, Submitted, Withdrawn }

public sealed record Startup(string Name, string Website, string Country, Stage Stage);

/// <summary>An erased founder keeps its place in the list with neither name nor e-mail (GDPR erasure).</summary>
public sealed record Founder(string? Name, string? Email, bool Erased = false)
{
    public static readonly Founder ErasedFounder = new(null, null, true);
}

public sealed record OpenSource(string RepositoryUrl, string License);

public sealed record ApplicationContent(
    Startup Startup,
    IReadOnlyList<Founder> Founders,
    string Summary,
    IReadOnlyList<string> FoundationModels,
    string? IntegrationPlan,
    OpenSource OpenSource,
    IReadOnlyList<string> Domains,
    int RequestedGpuHours,
    // The language of the e-mails to the founders; absent from applications drafted before it existed.
    string Language = Languages.English);

public static class Languages
{
    public const string English = "en";
    public const string French = "fr";

    public static readonly string[] All = [English, French];
}

public sealed record ApplicationDrafted(
    Guid ApplicationId, Guid CohortId, string ApplicantId, ApplicationContent Content, DateTimeOffset DraftedAt);

/// <summary>Carries the content as submitted: what selection judges is a fact, whatever happens to the draft later.</summary>
public sealed record ApplicationSubmitted(
    Guid ApplicationId, Guid CohortId, string ApplicantId, ApplicationContent Content, DateTimeOffset SubmittedAt);

/// <summary>The applicant's draft, replaced as a whole.</summary>
public sealed record ApplicationReplaced(Guid ApplicationId, ApplicationContent Content, DateTimeOffset ReplacedAt);

public sealed record ApplicationWithdrawn(Guid ApplicationId, Guid CohortId, DateTimeOffset WithdrawnAt);

/// <summary>A privacy erasure removed the founders at these positions of the current content; the earlier events of the
/// stream were masked in the same transaction. Appending it also moves the stream's version, so a concurrent writer
/// holding the unmasked content fails its version check instead of writing the founder back.</summary>
public sealed record FoundersErased(Guid ApplicationId, Guid ErasureId, IReadOnlyList<int> Positions, DateTimeOffset ErasedAt);

/// <summary>An application of one startup to one cohort. Also the read model of its owner and of staff (inline snapshot).</summary>
public sealed record Application(
    Guid Id,
    Guid CohortId,
    string ApplicantId,
    ApplicationContent Content,
    ApplicationStatus Status,
    DateTimeOffset DraftedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? WithdrawnAt = null)
{
    public static Application Create(ApplicationDrafted drafted) => new(
        drafted.ApplicationId, drafted.CohortId, drafted.ApplicantId, drafted.Content, ApplicationStatus.Draft,
        drafted.DraftedAt, null);

    public Application Apply(ApplicationSubmitted submitted) =>
        this with { Content = submitted.Content, Status = ApplicationStatus.Submitted, SubmittedAt = submitted.SubmittedAt };

    public Application Apply(ApplicationReplaced replaced) => this with { Content = replaced.Content };

    public Application Apply(FoundersErased erased) =>
        this with { Content = Privacy.FounderErasure.EraseAt(Content, erased.Positions) };

    public Application Apply(ApplicationWithdrawn withdrawn) =>
        this with { Status = ApplicationStatus.Withdrawn, WithdrawnAt = withdrawn.WithdrawnAt };
}
