using Accelerator.Resources.Grants;
using Accelerator.Resources.Grants.Activating;
using Accelerator.ServiceDefaults;

namespace Accelerator.Resources.Tests;

public sealed class ActivatingTests
{
    [Fact]
    public void The_partner_activates_a_requested_grant_under_its_reference()
    {
        var grant = Given.Requested();

        var events = ActivateGrant.Decide(grant, "scw-instance-42", "scaleway-bot", Given.Now);

        events.ShouldBe([new GrantActivated(grant.Id, grant.ApplicationId, GrantKind.Compute, "scw-instance-42", "scaleway-bot", Given.Now)]);
        var active = grant.Then(events);
        (active.Status, active.ExternalReference, active.ActivatedAt).ShouldBe((GrantStatus.Active, "scw-instance-42", Given.Now));
    }

    [Fact]
    public void Activating_again_under_the_same_reference_changes_nothing() =>
        ActivateGrant.Decide(Given.Active(), "scw-1", "scaleway-bot", Given.Now.AddMinutes(1)).ShouldBeEmpty();

    [Fact]
    public void Activating_again_under_another_reference_is_a_conflict() =>
        Should.Throw<ConflictException>(() => ActivateGrant.Decide(Given.Active(), "scw-2", "scaleway-bot", Given.Now))
            .Message.ShouldContain("scw-1");

    [Fact]
    public void A_revoked_grant_cannot_be_activated()
    {
        var revoked = Given.Requested().Then(new GrantRevoked(Given.Requested().Id, Given.ApplicationId, Given.CohortId, GrantKind.Compute, Given.Now));
        Should.Throw<ConflictException>(() => ActivateGrant.Decide(revoked, "scw-1", "scaleway-bot", Given.Now)).Message.ShouldContain("revoked");
    }
}
