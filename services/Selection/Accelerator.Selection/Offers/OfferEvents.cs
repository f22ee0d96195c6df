namespace Accelerator.Selection.Offers;

public sealed record OfferExtended(Guid CohortId, Guid ApplicationId, string StartupName, DateTimeOffset ExpiresAt, DateTimeOffset ExtendedAt);

/// <summary>Carries what partners need to know of the admitted startup, so the fact stands on its own.</summary>
public sealed record OfferAccepted(
    Guid CohortId,
    Guid ApplicationId,
    string ApplicantId,
    string StartupName,
    IReadOnlyList<string> Domains,
    int RequestedGpuHours,
    DateTimeOffset AcceptedAt);

public sealed record OfferDeclined(Guid CohortId, Guid ApplicationId, DateTimeOffset DeclinedAt);

public sealed record OfferExpired(Guid CohortId, Guid ApplicationId, DateTimeOffset ExpiredAt);

/// <summary>The application was withdrawn while its offer was open: the seat is freed as by a decline. Not published:
/// partners already learn of it from <c>application-withdrawn</c>.</summary>
public sealed record OfferWithdrawn(Guid CohortId, Guid ApplicationId, DateTimeOffset WithdrawnAt);

/// <summary>A waitlisted application was withdrawn: it will not be offered a seat.</summary>
public sealed record WaitlistLeft(Guid CohortId, Guid ApplicationId, DateTimeOffset LeftAt);

public enum OfferStatus { Offered, Accepted, Declined, Expired, Withdrawn }

public sealed record CohortOffer(Guid ApplicationId, string StartupName, DateTimeOffset ExpiresAt, OfferStatus Status);
