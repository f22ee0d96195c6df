using Accelerator.Applications.Applications.Drafting;
using Accelerator.Applications.Cohorts.Creating;

namespace Accelerator.Applications;

/// <summary>Request bodies shown in the OpenAPI document, typed so that they stay what the API takes.</summary>
internal static class ApiExamples
{
    public static readonly CreateCohortRequest Cohort = new("Spring cohort", 5,
        new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 2, 15, 17, 0, 0, TimeSpan.Zero),
        new DateOnly(2027, 3, 1), new DateOnly(2027, 8, 31), "P7D", 3, new ResourcePackageRequest(10_000, 5, "fr-par"));

    public static readonly ApplicationRequest Application = new(
        Guid.Parse("0195f3a2-7c1e-7d4a-9b2f-3e8d6c5a4b10"),
        new StartupRequest("Forge", "https://forge.example", "FR", "acceleration"),
        [new FounderRequest("Camille Martin", "camille@forge.example")],
        "Legal French on open models",
        ["meta-llama/Llama-3.1-8B"],
        null,
        new OpenSourceRequest("https://github.com/forge/forge", "Apache-2.0"),
        ["nlp", "legal"],
        2000);
}
