using System.Diagnostics;
using Accelerator.Crash.Tests.Support;
using Accelerator.Testing;

namespace Accelerator.Crash.Tests;

/// <summary>
/// A service whose bus stays unhealthy while the broker takes connections (as after a broker crash, README "Known limits"; here
/// made so on purpose) reports itself not alive and exits by itself, and, started again by its supervisor, applies
/// everything that waited for it exactly once.
/// </summary>
public sealed class StuckBusTests(ITestOutputHelper output)
{
    private const int Submissions = 40;
    private const string SelectionAccount = "selection-stuck";

    [Fact]
    public async Task Selection_stuck_while_the_broker_is_up_exits_by_itself_and_once_restarted_screens_each_application_once()
    {
        var watch = Stopwatch.StartNew();
        await using var system = await CrashSystem.StartAsync();
        var management = system.Servers.RabbitMqManagement;
        Assert.SkipWhen(management is null, "RabbitMQ was given from outside the test run: its accounts are not ours to change.");
        await management.PutUserAsync(SelectionAccount);
        var selection = await system.StartAsync("Selection", new Dictionary<string, string>
        {
            ["ConnectionStrings__messaging"] = system.Servers.RabbitMqConnectionStringFor(SelectionAccount),
            ["Messaging__StuckAfter"] = "00:00:15",
        });
        var applications = await system.StartAsync("Applications");
        await using var partner = await PartnerTap.BindAsync(system.RabbitMqConnectionString, "application-screened");
        var api = new ApplicationsApi(applications);
        var drafts = await api.DraftManyAsync([await api.CreateCohortAsync(DateTimeOffset.UtcNow.AddDays(14))], Submissions);

        // Selection may still connect, but no longer consume: its receive endpoints keep failing while the broker is up.
        await management.SetPermissionsAsync(SelectionAccount, configure: ".*", write: ".*", read: "^$");
        await management.CloseConnectionsOfAsync(SelectionAccount);
        (await Concurrently.RunAsync(drafts.Length, i => api.TrySubmitAsync(drafts[i]))).ShouldAllBe(accepted => accepted);

        await Eventually.Until(() => Task.FromResult(selection.HasExited), "Selection to exit by itself", TimeSpan.FromMinutes(2));
        var exitCode = selection.ExitCode;
        selection.Output.ShouldContain("The bus is stuck");
        // 75 when its graceful stop finished; 137 when the stop waited on the stuck bus and it ended itself.
        exitCode.ShouldBeOneOf(75, 137);
        (await system.ScalarAsync("select count(*) from selection.mt_events where type = 'candidate_screened'"))
            .ShouldBe(0, "Selection consumed while it could not: the test proves nothing");

        // The fault passes, and the supervisor starts it again.
        await management.SetPermissionsAsync(SelectionAccount, configure: ".*", write: ".*", read: ".*");
        await selection.RestartAsync();

        await Eventually.Until(async () => (await partner.ReadAsync()).Select(r => r.Message["applicationId"]!.GetValue<Guid>())
            .Distinct().Count() == Submissions, "every application-screened to reach the partner", TimeSpan.FromSeconds(90));
        var screened = await system.EventsAsync("selection", "candidate_screened");
        output.WriteLine($"Selection exited with {exitCode} after {watch.Elapsed.TotalSeconds:F0} s; {screened.Count} screenings after its restart");
        screened.Count.ShouldBe(Submissions, "an application was screened twice");
        screened.Select(s => s.Stream).Distinct().Count().ShouldBe(Submissions);
        (await ErrorQueues.CountAsync(system.RabbitMqConnectionString, SelectionQueues.All)).ShouldBe(0);
    }
}
