using System.Security.Claims;
using Accelerator.ServiceDefaults;

namespace Accelerator.Resources.Grants;

/// <summary>Which organisation provisions each kind of resource: <c>Resources:Partners:compute</c> and <c>Resources:Partners:hub</c>.</summary>
public sealed record Partners(string Compute, string Hub)
{
    public static readonly Partners Default = new("scaleway", "huggingface");

    public static Partners From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Resources:Partners");
        return new Partners(section["compute"] ?? Default.Compute, section["hub"] ?? Default.Hub);
    }

    public string OrganisationOf(GrantKind kind) => kind == GrantKind.Compute ? Compute : Hub;

    public IReadOnlyList<GrantKind> KindsOf(string organisation) =>
        Enum.GetValues<GrantKind>().Where(kind => string.Equals(OrganisationOf(kind), organisation, StringComparison.OrdinalIgnoreCase)).ToList();
}

/// <summary>Who calls: the organisation counts only for callers in the partner role.</summary>
public sealed record Caller(string Subject, bool IsOperator, string? PartnerOrganisation)
{
    public static Caller Of(ClaimsPrincipal user) => new(
        user.Subject(),
        user.IsInRole(Roles.Operator),
        user.IsInRole(Roles.Partner) ? user.FindFirstValue(AcceleratorClaims.Organisation) : null);
}

/// <summary>A grant is seen by its owner, by staff and by the partner of its kind; to anyone else it does not exist.</summary>
public static class GrantAccess
{
    public static bool IsPartnerFor(this Caller caller, GrantKind kind, Partners partners) =>
        caller.PartnerOrganisation is { } organisation
        && string.Equals(partners.OrganisationOf(kind), organisation, StringComparison.OrdinalIgnoreCase);

    public static bool IsOwnerOf(this Caller caller, Grant grant) => grant.ApplicantId == caller.Subject;

    public static bool CanSee(this Caller caller, Grant grant, Partners partners) =>
        caller.IsOperator || caller.IsOwnerOf(grant) || caller.IsPartnerFor(grant.Kind, partners);
}
