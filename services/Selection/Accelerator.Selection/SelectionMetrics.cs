using Accelerator.Selection.Candidates;
using Accelerator.Selection.Offers;
using Accelerator.ServiceDefaults.Operating;
using Marten.Services;

namespace Accelerator.Selection;

/// <summary>The business metrics this service's committed events stand for.</summary>
internal static class SelectionMetrics
{
    public static void Count(IChangeSet commit)
    {
        foreach (var stored in commit.GetEvents())
        {
            switch (stored.Data)
            {
                case CandidateScreened screened:
                    BusinessMetrics.ApplicationsScreened.Add(1, BusinessMetrics.Outcome(screened.Eligible ? "eligible" : "ineligible"));
                    break;
                case OfferExtended:
                    BusinessMetrics.Offers.Add(1, BusinessMetrics.Outcome("extended"));
                    break;
                case OfferAccepted:
                    BusinessMetrics.Offers.Add(1, BusinessMetrics.Outcome("accepted"));
                    break;
                case OfferDeclined:
                    BusinessMetrics.Offers.Add(1, BusinessMetrics.Outcome("declined"));
                    break;
                case OfferExpired:
                    BusinessMetrics.Offers.Add(1, BusinessMetrics.Outcome("expired"));
                    break;
            }
        }
    }
}
