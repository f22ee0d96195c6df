using Accelerator.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection;

public static class SelectionProblems
{
    public static ProblemHttpResult UnknownCohort(Guid cohortId) =>
        ProblemKinds.NotFound.Problem($"Selection knows no cohort {cohortId} (yet: it learns of a new cohort within seconds).");

    public static ProblemHttpResult NoApplication(Guid applicationId) =>
        ProblemKinds.NotFound.Problem($"You have no application {applicationId} in selection.");
}
