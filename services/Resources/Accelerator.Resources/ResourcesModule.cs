using Accelerator.ServiceDefaults;

namespace Accelerator.Resources;

/// <summary>
/// The Resources service's wiring. So far only what every service has (authentication, problems, health): its
/// capabilities of SPEC §3 come with issue 4, on the same event store and bus as Applications and Selection.
/// </summary>
public static class ResourcesModule
{
    public const string ServiceName = "resources";

    public static WebApplicationBuilder AddResources(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemHandling();
        builder.AddAcceleratorAuthentication();
        return builder;
    }

    public static WebApplication MapResourcesApi(this WebApplication app) => app;
}
