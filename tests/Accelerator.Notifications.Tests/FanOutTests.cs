using System.Text.Json;
using Accelerator.Notifications.Events;
using Accelerator.Notifications.Webhooks;
using Accelerator.Notifications.Webhooks.Delivering;

namespace Accelerator.Notifications.Tests;

public sealed class FanOutTests
{
    private static readonly NotificationsOptions Options = new();
    private static readonly JsonElement NoData = JsonDocument.Parse("{}").RootElement;

    private static Webhook Of(string? org, bool isOperator) => Webhook.Create(new WebhookRegistered(
        Guid.NewGuid(), "https://x.example/", ["resource-grant-requested"], "whsec_AAAA", "sub", org, isOperator, DateTimeOffset.UnixEpoch));

    private static BusEvent Grant(string kind) => new("resource-grant-requested", Guid.NewGuid(), DateTimeOffset.UnixEpoch, kind, NoData);

    [Fact]
    public void A_partner_sees_its_own_kind_of_grants_only_and_staff_see_all()
    {
        FanOut.MaySee(Of("scaleway", false), Grant("compute"), Options).ShouldBeTrue();
        FanOut.MaySee(Of("scaleway", false), Grant("hub"), Options).ShouldBeFalse();
        FanOut.MaySee(Of("HuggingFace", false), Grant("hub"), Options).ShouldBeTrue();
        FanOut.MaySee(Of("acme", false), Grant("compute"), Options).ShouldBeFalse();
        FanOut.MaySee(Of("campus", true), Grant("hub"), Options).ShouldBeTrue();
        FanOut.MaySee(Of("acme", false), new BusEvent("cohort-created", Guid.NewGuid(), DateTimeOffset.UnixEpoch, null, NoData), Options)
            .ShouldBeTrue();
    }

    [Fact]
    public void Every_event_of_the_catalogue_is_consumed_and_grant_events_carry_their_kind()
    {
        BusEvents.Names.Count.ShouldBe(21);
        BusEvents.Names.ShouldContain("resource-grant-topped-up");
        var e = BusEvents.Of(new Accelerator.Resources.Contracts.ResourceGrantRevoked
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UnixEpoch, GrantId = Guid.NewGuid(), ApplicationId = Guid.NewGuid(), Kind = "hub",
        });
        (e.Name, e.Kind).ShouldBe(("resource-grant-revoked", "hub"));
        e.Data.GetProperty("grantId").ValueKind.ShouldBe(JsonValueKind.String);
    }
}
