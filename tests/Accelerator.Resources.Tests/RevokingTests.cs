using Accelerator.Resources.Grants;
using Accelerator.Resources.Grants.Revoking;

namespace Accelerator.Resources.Tests;

public sealed class RevokingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_grant_is_revoked_whatever_its_state(bool activated)
    {
        var grant = activated ? Given.Active(GrantKind.Hub) : Given.Requested(GrantKind.Hub);

        var events = RevokeGrant.Decide(grant, Given.Now);

        events.ShouldBe([new GrantRevoked(grant.Id, Given.ApplicationId, Given.CohortId, GrantKind.Hub, Given.Now)]);
        var revoked = grant.Then(events);
        (revoked.Status, revoked.RevokedAt).ShouldBe((GrantStatus.Revoked, Given.Now));
    }

    [Fact]
    public void Revoking_a_revoked_grant_changes_nothing()
    {
        var revoked = Given.Active().Then(RevokeGrant.Decide(Given.Active(), Given.Now));
        RevokeGrant.Decide(revoked, Given.Now.AddDays(1)).ShouldBeEmpty();
    }
}
