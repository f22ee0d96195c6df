using Scalar.AspNetCore;

namespace Accelerator.Gateway;

/// <summary>
/// GET /docs: Scalar's interactive reference of every service's OpenAPI document, which the gateway serves at
/// <c>/openapi/{service}.json</c> (routes in appsettings.json). Anonymous, rate-limited like every route, and served
/// entirely from this process: Scalar's script is embedded in its package, and nothing is fetched from a CDN.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";

    private static readonly (string Name, string Title)[] Documents =
        [("applications", "Applications"), ("selection", "Selection"), ("mentoring", "Mentoring"), ("resources", "Resources"), ("notifications", "Notifications")];

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(Path, options =>
            {
                options.WithTitle("Accelerator API reference").WithOpenApiRoutePattern("/openapi/{documentName}.json");
                foreach (var (name, title) in Documents)
                    options.AddDocument(name, title, isDefault: name == Documents[0].Name);
                options.AddPreferredSecuritySchemes("Bearer");
                // Nothing leaves the page for a third party: no fonts from a CDN, no telemetry, no AI chat.
                options.DisableDefaultFonts().DisableTelemetry().DisableAgent();
            })
            .AllowAnonymous()
            .RequireRateLimiting(EdgePolicies.PerCaller);
        return app;
    }
}
