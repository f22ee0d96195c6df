using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Accelerator.ServiceDefaults;

public static class VisibleToRoles
{
    /// <summary>
    /// For routes about what some callers may not know exists (the selection panel's side of an application): any
    /// valid token gets past authorization, and a caller holding none of <paramref name="roles"/> is answered 404, as
    /// for an unknown id, rather than a 403 that would confirm it. The handler then applies ownership rules.
    /// </summary>
    public static RouteHandlerBuilder VisibleTo(this RouteHandlerBuilder route, params string[] roles) =>
        route.RequireAuthorization().AddEndpointFilter(async (context, next) =>
            roles.Any(context.HttpContext.User.IsInRole)
                ? await next(context)
                : ProblemKinds.NotFound.Problem($"There is no {context.HttpContext.Request.Path} for you."));
}
