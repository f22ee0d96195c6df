using System.Diagnostics;
using Accelerator.Crash.Tests.Support;
using Accelerator.Testing;

namespace Accelerator.Crash.Tests;

/// <summary>Two instances of Applications on one database and one broker, as a service scaled out to two replicas.</summary>
public sealed class TwoReplicaTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_replicas_publish_each_event_once_and_the_survivor_of_a_kill_takes_over_from_the_saved_progress()
    {
        const int calm = 60, burst = 240;
        var watch = Stopwatch.StartNew();
        await using var system = await CrashSystem.StartAsync();
        var replicas = await StartTwoReplicasAsync(system);
        await using var partner = await PartnerTap.BindAsync(system.RabbitMqConnectionString, "application-submitted");
        var apis = replicas.Select(r => new ApplicationsApi(r)).ToArray();
        var cohorts = await Concurrently.RunAsync(6, i => apis[i % 2].CreateCohortAsync(DateTimeOffset.UtcNow.AddDays(14)));

        // Both replicas take submissions; one publishes.
        var drafts = await Concurrently.RunAsync(calm, i => apis[i % 2].DraftAsync(cohorts[i % cohorts.Length]));
        (await Concurrently.RunAsync(calm, i => apis[i % 2].TrySubmitAsync(drafts[i]))).ShouldAllBe(accepted => accepted);
        await Eventually.Until(async () => await partner.CountAsync() >= calm, "the first submissions to be published");
        var first = await partner.ReadAsync();
        first.Count.ShouldBe(calm, "an event was published twice while both replicas ran");
        first.Select(r => r.EventId).Distinct().Count().ShouldBe(calm);
        var hot = replicas.Single(r => r.ProcessId == first.Select(m => m.PublisherProcessId).Distinct().ShouldHaveSingleItem());
        var survivor = apis[replicas[0] == hot ? 1 : 0];

        // A burst of submissions through the other replica, and the publishing one killed in the middle of it: once a
        // quarter of the burst is accepted, so that the rest commits after the kill. (Killing on what the partner has
        // received came too late: the publisher's side-by-side outbox had sent the whole burst before the partner's
        // count caught up.)
        var more = await survivor.DraftManyAsync(cohorts, burst);
        long accepted = 0;
        var submitting = Concurrently.RunAsync(burst, async i =>
        {
            var ok = await survivor.TrySubmitAsync(more[i]);
            Interlocked.Increment(ref accepted);
            return ok;
        });
        var acceptedAtKill = await KillSwitch.KillWhenAsync(hot, () => Task.FromResult(Interlocked.Read(ref accepted)), burst / 4);
        var killedAt = Stopwatch.GetTimestamp();
        var publishedAtKill = await partner.CountAsync();
        (await submitting).ShouldAllBe(ok => ok);
        acceptedAtKill.ShouldBeLessThan(burst, "the whole burst was accepted before the kill: this proves nothing");

        var ours = drafts.Concat(more).Select(d => d.Id).ToHashSet();
        var committed = (await system.EventsAsync("applications", "application_submitted"))
            .Where(e => ours.Contains(e.Stream)).Select(e => e.EventId).ToHashSet();
        committed.Count.ShouldBe(calm + burst);
        await Eventually.Until(async () => (await partner.ReadAsync()).Select(r => r.EventId).ToHashSet().IsSupersetOf(committed),
            "the surviving replica to publish the rest", TimeSpan.FromSeconds(90));
        var tookOver = Stopwatch.GetElapsedTime(killedAt);

        var received = await partner.ReadAsync();
        output.WriteLine($"{calm} events published once by one of two replicas; hot replica killed after {publishedAtKill} of {calm + burst}; "
            + $"the other published the remaining {committed.Count - received.Take((int)publishedAtKill).Select(r => r.EventId).Distinct().Count()} "
            + $"within {tookOver.TotalSeconds:F1} s, {received.Count - received.Select(r => r.EventId).Distinct().Count()} redelivered; "
            + $"{watch.Elapsed.TotalSeconds:F0} s");
        received.Select(r => r.EventId).ToHashSet().SetEquals(committed).ShouldBeTrue();
        received.ShouldContain(r => r.PublisherProcessId == replicas.Single(other => other != hot).ProcessId, "the survivor published nothing");
    }

    [Fact]
    public async Task Two_replicas_fire_each_timer_once()
    {
        const int cohorts = 120;
        var watch = Stopwatch.StartNew();
        await using var system = await CrashSystem.StartAsync();
        var apis = (await StartTwoReplicasAsync(system)).Select(r => new ApplicationsApi(r)).ToArray();
        await using var partner = await PartnerTap.BindAsync(system.RabbitMqConnectionString, "call-for-applications-closed");
        var closesAt = DateTimeOffset.UtcNow.AddSeconds(15);
        var created = await Concurrently.RunAsync(cohorts, i => apis[i % 2].CreateCohortAsync(closesAt));
        DateTimeOffset.UtcNow.ShouldBeLessThan(closesAt, "the calls closed before all were created: this proves nothing");

        var timers = string.Join(", ", created.Select(c => $"'cohort-call-closes:{c}'"));
        await Eventually.Until(async () =>
                await system.ScalarAsync($"select count(*) from applications.mt_doc_duetimer where id in ({timers})") == 0,
            "every closing timer to fire", TimeSpan.FromSeconds(60));
        await Eventually.Until(async () => (await partner.ReadAsync()).Count(r => created.Contains(r.Message["cohortId"]!.GetValue<Guid>())) >= cohorts,
            "every close to be published");

        var closes = (await system.EventsAsync("applications", "call_closed")).Where(c => created.Contains(c.Stream)).ToList();
        var received = (await partner.ReadAsync()).Where(r => created.Contains(r.Message["cohortId"]!.GetValue<Guid>())).ToList();
        output.WriteLine($"{cohorts} calls due at one instant on two replicas: {closes.Count} closes, partner got {received.Count}; "
            + $"{watch.Elapsed.TotalSeconds:F0} s");
        closes.Count.ShouldBe(cohorts, "a call was closed twice");
        closes.Select(c => c.Stream).ToHashSet().SetEquals(created).ShouldBeTrue();
        received.Select(r => r.EventId).Distinct().Count().ShouldBe(cohorts);
        received.Count.ShouldBe(cohorts, "a close was published twice while both replicas ran");
    }

    /// <summary>Marten creates a table at its first use, and two processes doing so at the same instant on an empty
    /// database collide; that is not what these tests are about, so the first replica is used once before the second starts.</summary>
    private static async Task<ServiceProcess[]> StartTwoReplicasAsync(CrashSystem system)
    {
        var first = await system.StartAsync("Applications");
        var api = new ApplicationsApi(first);
        var cohort = await api.CreateCohortAsync(DateTimeOffset.UtcNow.AddHours(1));
        (await api.TrySubmitAsync(await api.DraftAsync(cohort))).ShouldBeTrue();
        return [first, await system.StartAsync("Applications")];
    }
}
