using Accelerator.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Resources.Grants;

public static class GrantProblems
{
    public static ProblemHttpResult NotFound(Guid id) =>
        ProblemKinds.NotFound.Problem($"There is no grant {id} for you (grants appear within seconds of a startup's admission).");

    public static ProblemHttpResult TopUpNotFound(Guid grantId, Guid topUpId) =>
        ProblemKinds.NotFound.Problem($"Grant {grantId} has no top-up {topUpId}.");

    public static ProblemHttpResult Forbidden(string detail) => ProblemKinds.Forbidden.Problem(detail);
}
