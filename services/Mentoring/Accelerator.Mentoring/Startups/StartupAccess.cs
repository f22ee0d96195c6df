using System.Security.Claims;
using Accelerator.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Mentoring.Startups;

public static class StartupAccess
{
    /// <summary>Staff, the founders who applied, and the startup's mentors (past or present).</summary>
    public static bool MaySee(this ClaimsPrincipal user, MentoredStartup startup) =>
        user.IsInRole(Roles.Operator)
        || (user.IsInRole(Roles.Applicant) && startup.ApplicantId == user.Subject())
        || (user.IsInRole(Roles.Mentor) && startup.IsMentoredBy(user.Subject()));

    /// <summary>Also for startups the caller may not know exist: an unknown id and a forbidden one look the same.</summary>
    public static ProblemHttpResult NotFound(Guid applicationId) =>
        ProblemKinds.NotFound.Problem($"Mentoring knows no startup {applicationId} (yet: a startup appears here within seconds of its admission).");
}
