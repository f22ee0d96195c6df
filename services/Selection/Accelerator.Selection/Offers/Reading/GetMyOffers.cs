using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Offers.Reading;

public sealed record OfferResponse(Guid ApplicationId, Guid CohortId, string StartupName, OfferStatus Status, DateTimeOffset ExpiresAt)
{
    public static OfferResponse From(Guid cohortId, CohortOffer offer) =>
        new(offer.ApplicationId, cohortId, offer.StartupName, StatusOf(offer), offer.ExpiresAt);

    /// <summary>An applicant who withdrew an application while its offer was open said no to it.</summary>
    public static OfferStatus StatusOf(CohortOffer offer) =>
        offer.Status == OfferStatus.Withdrawn ? OfferStatus.Declined : offer.Status;
}

/// <summary>
/// The caller's offers, in application id order, paged like every list. An applicant has a handful of applications, and
/// the offers live on each cohort's selection stream, so the page is cut in memory from all of them.
/// </summary>
public static class GetMyOffers
{
    public static async Task<Results<Ok<IReadOnlyList<OfferResponse>>, ValidationProblem>> Handle(
        string? limit, string? after, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var page = Paging.Parse(limit, after, validation);
        if (!validation.IsValid)
            return validation.ToProblem();

        var applicantId = http.User.Subject();
        var mine = await session.Query<Candidate>().Where(c => c.Submission.ApplicantId == applicantId).ToListAsync(ct);
        var cohorts = await session.LoadManyAsync<SelectionCohort>(ct, mine.Select(c => c.Submission.CohortId).Distinct());
        var applicationIds = mine.Select(c => c.Id).ToHashSet();
        var offers = cohorts
            .SelectMany(cohort => cohort.Offers.Where(o => applicationIds.Contains(o.ApplicationId)).Select(o => OfferResponse.From(cohort.Id, o)))
            .Page(o => o.ApplicationId, page);
        return TypedResults.Ok(http.Answer(offers, page, o => o.ApplicationId));
    }
}
