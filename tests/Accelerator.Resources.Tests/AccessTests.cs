using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Accelerator.Resources.Grants;

namespace Accelerator.Resources.Tests;

public sealed class AccessTests
{
    private static readonly Partners Partners = Partners.Default;

    private static Caller PartnerOf(string org) => new("bot", false, org);

    [Fact]
    public void The_partner_of_a_kind_sees_grants_of_that_kind_only()
    {
        PartnerOf("scaleway").CanSee(Given.Requested(GrantKind.Compute), Partners).ShouldBeTrue();
        PartnerOf("scaleway").CanSee(Given.Requested(GrantKind.Hub), Partners).ShouldBeFalse();
        PartnerOf("huggingface").CanSee(Given.Requested(GrantKind.Hub), Partners).ShouldBeTrue();
        PartnerOf("huggingface").CanSee(Given.Requested(GrantKind.Compute), Partners).ShouldBeFalse();
        PartnerOf("acme").CanSee(Given.Requested(GrantKind.Compute), Partners).ShouldBeFalse();
    }

    [Fact]
    public void The_owner_and_staff_see_every_kind_and_other_applicants_none()
    {
        foreach (var kind in Enum.GetValues<GrantKind>())
        {
            new Caller("alice", false, null).CanSee(Given.Requested(kind), Partners).ShouldBeTrue();
            new Caller("staff", true, null).CanSee(Given.Requested(kind), Partners).ShouldBeTrue();
            new Caller("mallory", false, null).CanSee(Given.Requested(kind), Partners).ShouldBeFalse();
        }
    }

    [Fact]
    public void The_organisation_counts_only_for_callers_in_the_partner_role()
    {
        var applicantOfScaleway = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "eve"), new Claim("role", "applicant"), new Claim("org", "scaleway")], "test", "sub", "role"));
        var partner = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "bot"), new Claim("role", "partner"), new Claim("org", "scaleway")], "test", "sub", "role"));

        Caller.Of(applicantOfScaleway).IsPartnerFor(GrantKind.Compute, Partners).ShouldBeFalse();
        Caller.Of(partner).IsPartnerFor(GrantKind.Compute, Partners).ShouldBeTrue();
    }

    [Fact]
    public void Partners_come_from_configuration_with_defaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Resources:Partners:hub"] = "modelhub" }).Build();
        var partners = Partners.From(configuration);

        partners.OrganisationOf(GrantKind.Compute).ShouldBe("scaleway");
        partners.OrganisationOf(GrantKind.Hub).ShouldBe("modelhub");
        partners.KindsOf("modelhub").ShouldBe([GrantKind.Hub]);
        partners.KindsOf("huggingface").ShouldBeEmpty();
    }
}
