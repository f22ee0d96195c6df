using System.Diagnostics;
using Accelerator.Crash.Tests.Support;
using Accelerator.Testing;

namespace Accelerator.Crash.Tests;

/// <summary>Mentoring and Resources killed while they consume a stream of admissions: after the restart each admission
/// has its effect exactly once, and nothing is in an error queue.</summary>
public sealed class AdmissionKillTests(ITestOutputHelper output)
{
    private const int Admissions = 200;

    [Theory]
    [InlineData("Mentoring", "mentoring", "startup_enrolled", 1)]
    [InlineData("Resources", "resources", "grant_requested", 2)]
    public async Task A_consumer_killed_while_it_takes_admissions_applies_each_once(string service, string schema, string effect, int perAdmission)
    {
        var watch = Stopwatch.StartNew();
        await using var system = await CrashSystem.StartAsync();
        var consumer = await system.StartAsync(service);
        await using var upstream = await Upstream.ConnectAsync(system.RabbitMqConnectionString);
        var cohortId = Guid.NewGuid();
        await upstream.CohortCreatedAsync(cohortId);
        var admitted = Enumerable.Range(0, Admissions).Select(_ => Guid.NewGuid()).ToList();
        foreach (var applicationId in admitted)
            await upstream.StartupAdmittedAsync(applicationId, cohortId);

        var atKill = await KillSwitch.KillWhenAsync(consumer,
            () => system.ScalarAsync($"select count(*) from {schema}.mt_events where type = '{effect}'"), Admissions * perAdmission / 10,
            TimeSpan.FromMinutes(2));
        atKill.ShouldBeLessThan(Admissions * perAdmission, $"{service} had consumed everything before the kill: this proves nothing");
        await consumer.RestartAsync();

        await Eventually.Until(async () => await system.ScalarAsync($"select count(*) from {schema}.mt_events where type = '{effect}'")
            >= Admissions * perAdmission, $"{service} to apply every admission", TimeSpan.FromMinutes(2));
        var effects = await system.EventsAsync(schema, effect);
        output.WriteLine($"{Admissions} admissions; {service} killed after {atKill} {effect}; {effects.Count} in all; {watch.Elapsed.TotalSeconds:F0} s");
        effects.Count.ShouldBe(Admissions * perAdmission, "an admission had its effect twice");
        effects.Select(e => e.Stream).Distinct().Count().ShouldBe(Admissions * perAdmission);
        (await ErrorQueues.CountAsync(system.RabbitMqConnectionString, $"{schema}-startup-admitted", $"{schema}-cohort-created")).ShouldBe(0);
    }
}
