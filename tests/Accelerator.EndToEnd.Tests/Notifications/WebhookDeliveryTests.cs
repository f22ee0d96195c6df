using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.EndToEnd.Tests.Support;
using Accelerator.Selection.Contracts;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests.Notifications;

/// <summary>Webhooks as SPEC §7 says, on the real system: Standard Webhooks signatures, retries of the same webhook-id
/// with backoff on the Notifications service's clock, the delivery log, resend, and a partner seeing only its kind.</summary>
[Collection(nameof(Restarts))]
public sealed class WebhookDeliveryTests(AcceleratorSystem system)
{
    private const string Requested = "resource-grant-requested";

    [Fact]
    public async Task A_failed_delivery_is_retried_under_the_same_webhook_id_and_signed_each_time()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (scaleway, webhookId, admitted) = await AdmitWithScalewayWebhookAsync(receiver, id => receiver.AnswerNext(w => w.IsAbout(Requested, id), 500));
        var startup = (ApplicationId: admitted.ApplicationId, ComputeId: await GrantIdAsync(admitted.ApplicationId, "compute"));
        var first = (await receiver.WaitForAsync(w => w.IsAbout(Requested, startup.ApplicationId), 1, "the first attempt"))[0];
        var failed = await scaleway.DeliveryOfAsync(webhookId, Guid.Parse(first.Id),
            d => d["attempts"]!.AsArray().Count == 1 && d["nextAttemptAt"] is not null, "the failed attempt in the log");
        failed["status"]!.GetValue<string>().ShouldBe("pending");
        failed["attempts"]![0]!["statusCode"]!.GetValue<int>().ShouldBe(500);

        // The first retry is due 5–6 s later on the service's clock.
        system.NotificationsClock.Advance(TimeSpan.FromSeconds(7));
        var attempts = await receiver.WaitForAsync(w => w.IsAbout(Requested, startup.ApplicationId), 2, "the retry");

        attempts.Select(a => a.Id).Distinct().ShouldHaveSingleItem();
        attempts.ShouldAllBe(a => a.SignatureValid);
        attempts.Select(a => a.Body).Distinct().ShouldHaveSingleItem();
        attempts[1].Timestamp.ShouldBeGreaterThan(attempts[0].Timestamp);
        var data = attempts[0].Data;
        (data["grantId"]!.GetValue<Guid>(), data["kind"]!.GetValue<string>()).ShouldBe((startup.ComputeId, "compute"));
        data["eventId"]!.GetValue<Guid>().ShouldBe(Guid.Parse(attempts[0].Id));

        var delivered = await scaleway.DeliveryOfAsync(webhookId, Guid.Parse(first.Id), d => d["status"]!.GetValue<string>() == "succeeded", "success");
        delivered["attempts"]!.AsArray().Select(a => a!["statusCode"]!.GetValue<int>()).ShouldBe([500, 200]);
        delivered["type"]!.GetValue<string>().ShouldBe(Requested);
    }

    [Fact]
    public async Task A_partner_of_one_kind_never_receives_another_kinds_grant_events_and_staff_receive_both()
    {
        await using var cloud = await WebhookReceiver.StartAsync();
        await using var hub = await WebhookReceiver.StartAsync();
        await using var staff = await WebhookReceiver.StartAsync();
        await (await system.Partner("scaleway")).RegisterAsync(cloud, Requested, "resource-grant-activated");
        await (await system.Partner("huggingface")).RegisterAsync(hub, Requested);
        await (await system.Operator()).RegisterAsync(staff, Requested);

        var startup = await system.AdmittedStartupAsync();
        await (await system.Partner("scaleway")).ActivateAsync(startup.ComputeId, "scw-webhooks");

        await staff.WaitForAsync(w => w.IsAbout(Requested, startup.ApplicationId), 2, "both grants for staff");
        await hub.WaitForAsync(w => w.IsAbout(Requested, startup.ApplicationId), 1, "the hub grant");
        await cloud.WaitForAsync(w => w.IsAbout("resource-grant-activated", startup.ApplicationId), 1, "the compute activation");
        // Everything for this startup reached every receiver by now (the staff's and the activation came after);
        // whatever a partner was sent is of its kind only.
        cloud.Received.Where(w => w.Data["applicationId"]?.GetValue<Guid>() == startup.ApplicationId)
            .ShouldAllBe(w => w.Data["kind"]!.GetValue<string>() == "compute");
        hub.Received.Where(w => w.Data["applicationId"]?.GetValue<Guid>() == startup.ApplicationId)
            .ShouldAllBe(w => w.Data["kind"]!.GetValue<string>() == "hub");
        cloud.Received.Concat(hub.Received).Concat(staff.Received).ShouldAllBe(w => w.SignatureValid);
    }

    [Fact]
    public async Task Resend_sends_a_delivered_webhook_again_and_the_log_shows_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hub = await system.Partner("huggingface");
        var webhookId = await hub.RegisterAsync(receiver, Requested);
        var startup = await system.AdmittedStartupAsync();
        var first = (await receiver.WaitForAsync(w => w.IsAbout(Requested, startup.ApplicationId), 1, "the delivery"))[0];
        var delivery = await hub.DeliveryOfAsync(webhookId, Guid.Parse(first.Id), d => d["status"]!.GetValue<string>() == "succeeded", "success");
        var deliveryId = delivery["id"]!.GetValue<Guid>();

        var resent = await hub.PostAsync($"/api/webhooks/{webhookId}/deliveries/{deliveryId}/resend", null);

        resent.StatusCode.ShouldBe(HttpStatusCode.Accepted, await resent.Content.ReadAsStringAsync());
        var again = await receiver.WaitForAsync(w => w.IsAbout(Requested, startup.ApplicationId), 2, "the resent delivery");
        again.Select(w => w.Id).Distinct().ShouldHaveSingleItem();
        again.ShouldAllBe(w => w.SignatureValid);
        (await hub.DeliveryOfAsync(webhookId, Guid.Parse(first.Id), d => d["attempts"]!.AsArray().Count == 2, "two attempts in the log"))
            ["status"]!.GetValue<string>().ShouldBe("succeeded");

        var other = await system.Partner("huggingface");
        (await other.PostAsync($"/api/webhooks/{webhookId}/deliveries/{deliveryId}/resend", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/webhooks/{webhookId}/deliveries")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_resend_during_an_attempt_waits_for_it_and_the_log_keeps_both()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Action release = () => { };
        var (scaleway, webhookId, admitted) = await AdmitWithScalewayWebhookAsync(receiver, id => release = receiver.HoldNext(w => w.IsAbout(Requested, id)));
        var first = (await receiver.WaitForAsync(w => w.IsAbout(Requested, admitted.ApplicationId), 1, "the attempt, held"))[0];
        var deliveryId = (await scaleway.DeliveryOfAsync(webhookId, Guid.Parse(first.Id), _ => true, "the delivery"))["id"]!.GetValue<Guid>();

        var resending = scaleway.PostAsync($"/api/webhooks/{webhookId}/deliveries/{deliveryId}/resend", null);
        await Eventually.Until(WaitingForTheTimersLockAsync, "the resend waiting for the attempt under way");
        release();

        var resent = await resending;
        resent.StatusCode.ShouldBe(HttpStatusCode.Accepted, await resent.Content.ReadAsStringAsync());
        await receiver.WaitForAsync(w => w.IsAbout(Requested, admitted.ApplicationId), 2, "the resent delivery");
        // The attempt under way is in the log, then the resent one. Written in the other order, the two deadlocked, and
        // whichever committed last wrote over the other's attempt.
        var delivery = await scaleway.DeliveryOfAsync(webhookId, Guid.Parse(first.Id),
            d => d["attempts"]!.AsArray().Count == 2 && d["status"]!.GetValue<string>() == "succeeded", "both attempts in the log");
        delivery["attempts"]!.AsArray().Select(a => a!["statusCode"]!.GetValue<int>()).ShouldBe([200, 200]);
    }

    /// <summary>The cloud partner's webhook for grant requests on <paramref name="receiver"/>, and a startup admitted to a
    /// new cohort, whose compute grant it will be sent: <paramref name="beforeAdmission"/> tells the receiver, given the
    /// startup's application id, how to answer before the admission is published.</summary>
    private async Task<(HttpClient Partner, Guid WebhookId, StartupAdmitted Admitted)> AdmitWithScalewayWebhookAsync(
        WebhookReceiver receiver, Action<Guid> beforeAdmission)
    {
        var scaleway = await system.Partner("scaleway");
        var webhookId = await scaleway.RegisterAsync(receiver, Requested);
        var cohort = GrantSteps.CohortCreated();
        await system.PublishAsync(cohort);
        var admitted = GrantSteps.Admitted(cohort.CohortId, $"applicant-{Guid.NewGuid():N}");
        beforeAdmission(admitted.ApplicationId);
        await system.PublishAsync(admitted);
        return (scaleway, webhookId, admitted);
    }

    /// <summary>A session of Notifications waits for a lock while writing or locking a timer: the resend, behind the firing.</summary>
    private async Task<bool> WaitingForTheTimersLockAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(system.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%notifications.mt_doc_duetimer%'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_the_backoff_still_delivers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (scaleway, webhookId, admitted) = await AdmitWithScalewayWebhookAsync(receiver, id => receiver.AnswerNext(w => w.IsAbout(Requested, id), 503, 503));
        var startup = (ApplicationId: admitted.ApplicationId, ComputeId: await GrantIdAsync(admitted.ApplicationId, "compute"));
        var first = (await receiver.WaitForAsync(w => w.IsAbout(Requested, startup.ApplicationId), 1, "the first attempt"))[0];
        // The first attempt recorded, not just the delivery created (which is due at once, so has a nextAttemptAt too).
        await scaleway.DeliveryOfAsync(webhookId, Guid.Parse(first.Id), d => d["attempts"]!.AsArray().Count == 1 && d["nextAttemptAt"] is not null,
            "a retry planned");

        await system.RestartNotificationsAsync(() =>
        {
            // The retry falls due while the service is down.
            system.NotificationsClock.Advance(TimeSpan.FromSeconds(7));
            return Task.CompletedTask;
        });
        await receiver.WaitForAsync(w => w.IsAbout(Requested, startup.ApplicationId), 2, "the retry after the restart");
        await scaleway.DeliveryOfAsync(webhookId, Guid.Parse(first.Id), d => d["attempts"]!.AsArray().Count == 2 && d["nextAttemptAt"] is not null,
            "the next retry planned");
        system.NotificationsClock.Advance(TimeSpan.FromSeconds(30));

        var delivered = await scaleway.DeliveryOfAsync(webhookId, Guid.Parse(first.Id), d => d["status"]!.GetValue<string>() == "succeeded",
            "success after the restart");
        delivered["attempts"]!.AsArray().Select(a => a!["statusCode"]!.GetValue<int>()).ShouldBe([503, 503, 200]);
        receiver.Received.Where(w => w.IsAbout(Requested, startup.ApplicationId)).Select(w => w.Id).Distinct().ShouldHaveSingleItem();
    }

    private async Task<Guid> GrantIdAsync(Guid applicationId, string kind) =>
        (await (await system.Operator()).PollGrantsAsync(applicationId, 2)).Single(g => g!["kind"]!.GetValue<string>() == kind)!["id"]!.GetValue<Guid>();
}
