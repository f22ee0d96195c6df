using System.Security.Cryptography;
using System.Text;
using Accelerator.Resources.Cohorts;

namespace Accelerator.Resources.Grants.Requesting;

/// <summary>A startup admitted to a cohort, as Resources needs it from <c>startup-admitted</c>.</summary>
public sealed record Admission(Guid ApplicationId, Guid CohortId, string ApplicantId);

public static class RequestGrants
{
    public const string ComputeUnit = "gpu-hours";
    public const string ComputeResource = "H100";
    public const string HubUnit = "seats";
    public const string HubResource = "model-hub";

    /// <summary>One grant per kind of the cohort's package with a positive amount; none once the programme is over.</summary>
    public static IReadOnlyList<GrantRequested> Decide(Admission admission, ResourceCohort cohort, DateTimeOffset now)
    {
        if (cohort.Ended)
            return [];
        var grants = new List<GrantRequested>();
        if (cohort.GpuHours > 0)
            grants.Add(Request(admission, cohort, GrantKind.Compute, cohort.GpuHours, ComputeUnit, ComputeResource, now));
        if (cohort.HubSeats > 0)
            grants.Add(Request(admission, cohort, GrantKind.Hub, cohort.HubSeats, HubUnit, HubResource, now));
        return grants;
    }

    /// <summary>The grant's id follows from the admission and the kind, so an admission delivered twice finds its grants.</summary>
    public static Guid GrantIdOf(Guid applicationId, GrantKind kind)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"grant\n{applicationId}\n{kind}"));
        // An RFC 9562 version 8 (custom) UUID: the hash's first 16 bytes with version and variant bits set.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static GrantRequested Request(
        Admission admission, ResourceCohort cohort, GrantKind kind, int amount, string unit, string resource, DateTimeOffset now) =>
        new(GrantIdOf(admission.ApplicationId, kind), admission.ApplicationId, admission.CohortId, admission.ApplicantId, kind,
            amount, unit, resource, cohort.Region, now);
}
