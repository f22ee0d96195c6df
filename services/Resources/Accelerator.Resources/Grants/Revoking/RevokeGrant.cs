namespace Accelerator.Resources.Grants.Revoking;

public static class RevokeGrant
{
    /// <summary>Whatever its state, a grant ends with its cohort; a revoked grant stays revoked.</summary>
    public static IReadOnlyList<object> Decide(Grant grant, DateTimeOffset now) =>
        grant.Status == GrantStatus.Revoked ? [] : [new GrantRevoked(grant.Id, grant.ApplicationId, grant.CohortId, grant.Kind, now)];
}
