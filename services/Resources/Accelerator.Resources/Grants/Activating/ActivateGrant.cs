using System.ComponentModel.DataAnnotations;
using Accelerator.Resources.Grants.Reading;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Resources.Grants.Activating;

public sealed record ActivateGrantRequest([property: Required] string? ExternalReference);

public static class ActivateGrant
{
    public const int MaxReferenceLength = 200;

    /// <summary>Activating again under the same reference is a retry and changes nothing; under another, a conflict.</summary>
    public static IReadOnlyList<object> Decide(Grant grant, string externalReference, string partnerId, DateTimeOffset now) =>
        grant.Status switch
        {
            GrantStatus.Requested => [new GrantActivated(grant.Id, grant.ApplicationId, grant.Kind, externalReference, partnerId, now)],
            GrantStatus.Revoked => throw new ConflictException(ProblemKinds.GrantRevoked,
                $"Grant {grant.Id} was revoked at {grant.RevokedAt:O}; it cannot be activated."),
            _ when grant.ExternalReference == externalReference => [],
            _ => throw new ConflictException(ProblemKinds.StateConflict,
                $"Grant {grant.Id} is already active under the external reference '{grant.ExternalReference}'."),
        };

    public static async Task<Results<Ok<GrantResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, ActivateGrantRequest request, HttpContext http, IQuerySession query, IDocumentStore store, Partners partners,
        TimeProvider clock, CancellationToken ct)
    {
        if (await query.LoadAsync<Grant>(id, ct) is not { } grant || !Caller.Of(http.User).IsPartnerFor(grant.Kind, partners))
            return GrantProblems.NotFound(id);

        var v = new Validation();
        if (v.Required(request.ExternalReference, "externalReference"))
            v.Check(request.ExternalReference!.Trim().Length <= MaxReferenceLength, "externalReference",
                $"externalReference must be at most {MaxReferenceLength} characters.");
        if (!v.IsValid)
            return v.ToProblem();

        var reference = request.ExternalReference!.Trim();
        var now = clock.GetUtcNow();
        var activated = await GrantStream.DecideAsync(store, id, g => Decide(g, reference, http.User.Subject(), now), ct);
        return TypedResults.Ok(GrantResponse.From(activated));
    }
}
