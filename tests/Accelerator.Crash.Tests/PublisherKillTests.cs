using System.Diagnostics;
using Accelerator.Crash.Tests.Support;
using Accelerator.Testing;

namespace Accelerator.Crash.Tests;

public sealed class PublisherKillTests(ITestOutputHelper output)
{
    private const int Submissions = 300;

    [Fact]
    public async Task Applications_killed_while_its_outbox_publishes_loses_no_event_and_each_application_is_screened_once()
    {
        var watch = Stopwatch.StartNew();
        await using var system = await CrashSystem.StartAsync();
        await system.StartAsync("Selection");
        var applications = await system.StartAsync("Applications");
        await using var partner = await PartnerTap.BindAsync(system.RabbitMqConnectionString, "application-submitted");
        var api = new ApplicationsApi(applications);
        var cohorts = await Concurrently.RunAsync(6, _ => api.CreateCohortAsync(DateTimeOffset.UtcNow.AddDays(14)));
        var drafts = await api.DraftManyAsync(cohorts, Submissions);

        var submitting = Concurrently.RunAsync(drafts.Length, i => api.TrySubmitAsync(drafts[i]));
        var publishedAtKill = await KillSwitch.KillWhenAsync(applications, partner.CountAsync, Submissions / 10);
        var accepted = await submitting;
        publishedAtKill.ShouldBeLessThan(Submissions, "the outbox had published everything before the kill: this proves nothing");

        await applications.RestartAsync();
        foreach (var draft in drafts.Where((_, i) => !accepted[i]))
            (await api.TrySubmitAsync(draft)).ShouldBeTrue();

        var committed = await system.EventsAsync("applications", "application_submitted");
        committed.Select(e => e.Stream).Distinct().Count().ShouldBe(Submissions);
        var expected = committed.Select(e => e.EventId).ToHashSet();
        await Eventually.Until(async () => (await partner.ReadAsync()).Select(r => r.EventId).ToHashSet().IsSupersetOf(expected),
            "every committed application-submitted to reach the partner", TimeSpan.FromSeconds(60));
        await Eventually.Until(async () => (await system.EventsAsync("selection", "candidate_screened")).Count >= Submissions,
            "Selection to screen every application", TimeSpan.FromSeconds(60));

        var received = await partner.ReadAsync();
        var screened = await system.EventsAsync("selection", "candidate_screened");
        output.WriteLine($"{Submissions} submitted, {accepted.Count(a => !a)} submissions cut by the kill and repeated; "
            + $"{publishedAtKill} published when killed; partner got {received.Count} messages for {expected.Count} events "
            + $"({received.Count - received.Select(r => r.EventId).Distinct().Count()} redelivered); "
            + $"{screened.Count} screenings; {watch.Elapsed.TotalSeconds:F0} s");
        received.Select(r => r.EventId).Where(id => !expected.Contains(id)).ShouldBeEmpty("published events that were never committed");
        screened.Count.ShouldBe(Submissions, "an application was screened twice");
        screened.Select(s => s.Stream).ToHashSet().SetEquals(committed.Select(c => c.Stream)).ShouldBeTrue();
        (await ErrorQueues.CountAsync(system.RabbitMqConnectionString, SelectionQueues.All)).ShouldBe(0);
    }
}
