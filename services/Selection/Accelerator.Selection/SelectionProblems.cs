using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection;

public static class SelectionProblems
{
    public static ProblemHttpResult UnknownCohort(Guid cohortId) => TypedResults.Problem(statusCode: 404, title: "Not found",
        detail: $"Selection knows no cohort {cohortId} (yet: it learns of a new cohort within seconds).");

    public static ProblemHttpResult NoApplication(Guid applicationId) => TypedResults.Problem(statusCode: 404, title: "Not found",
        detail: $"You have no application {applicationId} in selection.");
}
