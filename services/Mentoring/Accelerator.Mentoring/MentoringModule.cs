using Accelerator.ServiceDefaults;

namespace Accelerator.Mentoring;

/// <summary>
/// The Mentoring service's wiring. So far only what every service has (authentication, problems, health): its
/// capabilities of SPEC §3 come with issue 4, on the same event store and bus as Applications and Selection.
/// </summary>
public static class MentoringModule
{
    public const string ServiceName = "mentoring";

    public static WebApplicationBuilder AddMentoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemHandling();
        builder.AddAcceleratorAuthentication();
        return builder;
    }

    public static WebApplication MapMentoringApi(this WebApplication app) => app;
}
