using System.Diagnostics;
using Accelerator.Crash.Tests.Support;
using Accelerator.Testing;

namespace Accelerator.Crash.Tests;

public sealed class ConsumerKillTests(ITestOutputHelper output)
{
    private const int Submissions = 300;

    [Fact]
    public async Task Selection_killed_while_it_consumes_screens_each_application_once_and_fails_none()
    {
        var watch = Stopwatch.StartNew();
        await using var system = await CrashSystem.StartAsync();
        var selection = await system.StartAsync("Selection");
        var applications = await system.StartAsync("Applications");
        await using var partner = await PartnerTap.BindAsync(system.RabbitMqConnectionString, "application-screened");
        var api = new ApplicationsApi(applications);
        var cohorts = await Concurrently.RunAsync(6, _ => api.CreateCohortAsync(DateTimeOffset.UtcNow.AddDays(14)));
        var drafts = await api.DraftManyAsync(cohorts, Submissions);

        var submitting = Concurrently.RunAsync(drafts.Length, i => api.TrySubmitAsync(drafts[i]));
        var screenedAtKill = await KillSwitch.KillWhenAsync(selection,
            () => system.ScalarAsync("select count(*) from selection.mt_events where type = 'candidate_screened'"), Submissions / 10);
        (await submitting).ShouldAllBe(accepted => accepted);
        screenedAtKill.ShouldBeLessThan(Submissions, "Selection had consumed everything before the kill: this proves nothing");
        await selection.RestartAsync();

        await Eventually.Until(async () => (await partner.ReadAsync()).Select(r => r.Message["applicationId"]!.GetValue<Guid>())
            .Distinct().Count() == Submissions, "every application-screened to reach the partner", TimeSpan.FromSeconds(60));

        var screened = await system.EventsAsync("selection", "candidate_screened");
        var received = await partner.ReadAsync();
        output.WriteLine($"{Submissions} submitted; Selection killed after {screenedAtKill} screenings; {screened.Count} screenings in all; "
            + $"partner got {received.Count} application-screened ({received.Count - received.Select(r => r.EventId).Distinct().Count()} redelivered); "
            + $"{watch.Elapsed.TotalSeconds:F0} s");
        screened.Count.ShouldBe(Submissions, "an application was screened twice");
        screened.Select(s => s.Stream).Distinct().Count().ShouldBe(Submissions);
        (await ErrorQueues.CountAsync(system.RabbitMqConnectionString, SelectionQueues.All)).ShouldBe(0);
    }
}
