using Accelerator.Selection.Decisions;
using Accelerator.Selection.Offers;
using Accelerator.Selection.Ranking;

namespace Accelerator.Selection.Cohorts;

/// <summary>Selection learned of a cohort from <c>cohort-created</c>: what it needs to select for it.</summary>
public sealed record CohortRegistered(
    Guid CohortId,
    string Name,
    int Seats,
    DateTimeOffset ApplicationsCloseAt,
    TimeSpan OfferValidity,
    int ReviewersPerApplication,
    DateTimeOffset RegisteredAt);

public sealed record CohortCallClosed(Guid CohortId, int SubmittedCount, DateTimeOffset ClosedAt);

/// <summary>A cohort as selection sees it (inline snapshot): its seats, its rules, whether its call has closed, and the
/// state of its selection. The whole selection process lives on this one stream, so that two answers to offers cannot
/// both hand the same seat on (optimistic concurrency).</summary>
public sealed record SelectionCohort(
    Guid Id,
    string Name,
    int Seats,
    DateTimeOffset ApplicationsCloseAt,
    TimeSpan OfferValidity,
    int ReviewersPerApplication,
    bool CallClosedEarly)
{
    public static SelectionCohort Create(CohortRegistered registered) => new(
        registered.CohortId, registered.Name, registered.Seats, registered.ApplicationsCloseAt, registered.OfferValidity,
        registered.ReviewersPerApplication, false);

    /// <remarks><see cref="CallClosedEarly"/> is true once Applications' close of the call has arrived, early or on time.</remarks>
    public SelectionCohort Apply(CohortCallClosed closed) => this with { CallClosedEarly = true, SubmittedAtClose = closed.SubmittedCount };

    /// <summary>Applications submitted (and not withdrawn) when the call closed, as Applications counted them.</summary>
    public int? SubmittedAtClose { get; init; }

    /// <summary>
    /// Why selection must not work on the cohort's applications yet, if it must not: until the close has arrived and
    /// every application submitted by then has entered selection (their messages travel on another queue, and one may
    /// wait in an error queue), assigning or deciding would leave some out for good.
    /// </summary>
    public string? StillReceiving(int candidatesEntered) =>
        !CallClosedEarly
            ? $"Selection has not yet heard that the call of cohort {Id} closed (at {ApplicationsCloseAt:O}); retry shortly."
            : candidatesEntered < SubmittedAtClose
                ? $"Only {candidatesEntered} of the {SubmittedAtClose} applications submitted to cohort {Id} have reached selection; "
                  + "try again in a moment (an operator should look at the error queues if this lasts)."
                : null;

    public bool Decided { get; init; }
    public bool Completed { get; init; }
    public IReadOnlyList<CohortOffer> Offers { get; init; } = [];
    /// <summary>Ranked candidates not yet offered a seat, best first.</summary>
    public IReadOnlyList<RankedCandidate> Waitlist { get; init; } = [];
    public IReadOnlyList<Guid> Rejected { get; init; } = [];

    public SelectionCohort Apply(SelectionDecided decided) => this with { Decided = true, Waitlist = decided.Ranking };

    public SelectionCohort Apply(OfferExtended extended) => this with
    {
        Offers = [.. Offers, new CohortOffer(extended.ApplicationId, extended.StartupName, extended.ExpiresAt, OfferStatus.Offered)],
        Waitlist = Without(Waitlist, extended.ApplicationId),
    };

    public SelectionCohort Apply(OfferAccepted accepted) => Answer(accepted.ApplicationId, OfferStatus.Accepted);

    public SelectionCohort Apply(OfferDeclined declined) => Answer(declined.ApplicationId, OfferStatus.Declined);

    public SelectionCohort Apply(OfferExpired expired) => Answer(expired.ApplicationId, OfferStatus.Expired);

    public SelectionCohort Apply(OfferWithdrawn withdrawn) => Answer(withdrawn.ApplicationId, OfferStatus.Withdrawn);

    public SelectionCohort Apply(WaitlistLeft left) => this with { Waitlist = Without(Waitlist, left.ApplicationId) };

    public SelectionCohort Apply(CandidateRejected rejected) => this with
    {
        Rejected = [.. Rejected, rejected.ApplicationId],
        Waitlist = Without(Waitlist, rejected.ApplicationId),
    };

    public SelectionCohort Apply(SelectionCompleted completed) => this with { Completed = true };

    private SelectionCohort Answer(Guid applicationId, OfferStatus status) => this with
    {
        Offers = Offers.Select(o => o.ApplicationId == applicationId ? o with { Status = status } : o).ToList(),
    };

    private static List<RankedCandidate> Without(IEnumerable<RankedCandidate> waitlist, Guid applicationId) =>
        waitlist.Where(w => w.ApplicationId != applicationId).ToList();

    /// <summary>
    /// Before the closing instant, Selection cannot tell a call still open from one that staff closed early and whose
    /// close is still on its way from Applications: it says so, rather than that the call is open.
    /// </summary>
    public string CloseNotHeard() =>
        $"Selection has not heard that the call for applications of cohort {Id} closed. The call may already be closed in "
        + "Applications (staff can close it early), and Selection hears of it within seconds: retry shortly. Otherwise it "
        + $"closes at {ApplicationsCloseAt:O}.";

    /// <summary>The close event may be late or lost in transit; the instant alone already closes the call.</summary>
    public bool IsCallClosedAt(DateTimeOffset now) => CallClosedEarly || now >= ApplicationsCloseAt;
}
