using System.Diagnostics;
using Accelerator.Crash.Tests.Support;
using Accelerator.Testing;

namespace Accelerator.Crash.Tests;

public sealed class TimerKillTests(ITestOutputHelper output)
{
    private const int Cohorts = 120;
    private const string CloseTimers = "select count(*) from applications.mt_doc_duetimer where id like 'cohort-call-closes:%'";
    private const string Closes = "select count(*) from applications.mt_events where type = 'call_closed'";

    [Fact]
    public async Task Applications_killed_while_its_timers_fire_closes_each_call_once_and_loses_none()
    {
        var watch = Stopwatch.StartNew();
        await using var system = await CrashSystem.StartAsync();
        var applications = await system.StartAsync("Applications");
        await using var partner = await PartnerTap.BindAsync(system.RabbitMqConnectionString, "call-for-applications-closed");
        var api = new ApplicationsApi(applications);
        var closesAt = DateTimeOffset.UtcNow.AddSeconds(15);
        var cohorts = await Concurrently.RunAsync(Cohorts, _ => api.CreateCohortAsync(closesAt));
        DateTimeOffset.UtcNow.ShouldBeLessThan(closesAt, "the calls closed before all were created: this proves nothing");

        var closedAtKill = await KillSwitch.KillWhenAsync(applications, () => system.ScalarAsync(Closes), Cohorts / 10,
            TimeSpan.FromSeconds(60));
        closedAtKill.ShouldBeLessThan(Cohorts, "every timer had fired before the kill: this proves nothing");
        await applications.RestartAsync();

        await Eventually.Until(async () => await system.ScalarAsync(CloseTimers) == 0, "every closing timer to fire", TimeSpan.FromSeconds(60));
        await Eventually.Until(async () => (await partner.ReadAsync()).Select(r => r.Message["cohortId"]!.GetValue<Guid>())
            .Distinct().Count() == Cohorts, "every call-for-applications-closed to reach the partner", TimeSpan.FromSeconds(60));

        var closes = await system.EventsAsync("applications", "call_closed");
        var received = await partner.ReadAsync();
        output.WriteLine($"{Cohorts} calls due at one instant; Applications killed after {closedAtKill} closes; {closes.Count} closes in all; "
            + $"partner got {received.Count} call-for-applications-closed; {watch.Elapsed.TotalSeconds:F0} s");
        closes.Count.ShouldBe(Cohorts, "a call was closed twice");
        closes.Select(c => c.Stream).ToHashSet().SetEquals(cohorts).ShouldBeTrue();
    }
}
