using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.ServiceDefaults;
using Marten;

namespace Accelerator.Selection.Offers.Reading;

public sealed record OfferResponse(Guid ApplicationId, Guid CohortId, string StartupName, OfferStatus Status, DateTimeOffset ExpiresAt)
{
    public static OfferResponse From(Guid cohortId, CohortOffer offer) =>
        new(offer.ApplicationId, cohortId, offer.StartupName, StatusOf(offer), offer.ExpiresAt);

    /// <summary>An applicant who withdrew an application while its offer was open said no to it.</summary>
    public static OfferStatus StatusOf(CohortOffer offer) =>
        offer.Status == OfferStatus.Withdrawn ? OfferStatus.Declined : offer.Status;
}

public static class GetMyOffers
{
    public static async Task<IReadOnlyList<OfferResponse>> Handle(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var applicantId = http.User.Subject();
        var mine = await session.Query<Candidate>().Where(c => c.Submission.ApplicantId == applicantId).ToListAsync(ct);
        var cohorts = await session.LoadManyAsync<SelectionCohort>(ct, mine.Select(c => c.Submission.CohortId).Distinct());
        var applicationIds = mine.Select(c => c.Id).ToHashSet();
        return cohorts
            .SelectMany(cohort => cohort.Offers.Where(o => applicationIds.Contains(o.ApplicationId)).Select(o => OfferResponse.From(cohort.Id, o)))
            .OrderByDescending(o => o.ExpiresAt)
            .ToList();
    }
}
