using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Resources.Grants;

public static class GrantProblems
{
    public static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(statusCode: 404, title: "Not found",
        detail: $"There is no grant {id} for you (grants appear within seconds of a startup's admission).");

    public static ProblemHttpResult TopUpNotFound(Guid grantId, Guid topUpId) => TypedResults.Problem(statusCode: 404,
        title: "Not found", detail: $"Grant {grantId} has no top-up {topUpId}.");

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: detail);
}
