using System.Text.Json.Nodes;

namespace Accelerator.Bench;

/// <summary>Requests of the bench: the README's cohort and application, sized as a real one.</summary>
public static class Samples
{
    public static string CohortJson() => new JsonObject
    {
        ["name"] = $"Bench {DateTimeOffset.UtcNow:O}",
        ["seats"] = 5,
        ["applicationsOpenAt"] = DateTimeOffset.UtcNow.AddHours(-1),
        ["applicationsCloseAt"] = DateTimeOffset.UtcNow.AddDays(14),
        ["programStartsOn"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"),
        ["programEndsOn"] = DateTime.UtcNow.AddDays(210).ToString("yyyy-MM-dd"),
        ["resourcePackage"] = new JsonObject { ["gpuHours"] = 10000, ["hubSeats"] = 5, ["region"] = "fr-par" },
    }.ToJsonString();

    public static string ApplicationJson(Guid cohortId, string startupName) =>
        Accelerator.Testing.SampleApplication.For(cohortId, startupName).ToJsonString();
}
