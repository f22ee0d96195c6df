using Accelerator.Notifications.Emails;
using Accelerator.Notifications.Events;
using Accelerator.Notifications.Webhooks;
using Accelerator.Notifications.Webhooks.Deleting;
using Accelerator.Notifications.Webhooks.Deliveries;
using Accelerator.Notifications.Webhooks.Delivering;
using Accelerator.Notifications.Webhooks.Reading;
using Accelerator.Notifications.Webhooks.Registering;
using Accelerator.ServiceDefaults;
using Accelerator.ServiceDefaults.OpenApi;
using JasperFx.Events.Projections;
using Marten;
using MassTransit;

namespace Accelerator.Notifications;

public static class NotificationsModule
{
    public const string ServiceName = "notifications";
    public const string DatabaseConnectionName = "notificationsdb";

    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Notifications").Get<NotificationsOptions>() ?? new NotificationsOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddProblemHandling();
        builder.AddAcceleratorAuthentication();
        builder.AddApiDocument("Accelerator Notifications API",
            "Signed webhooks (Standard Webhooks) for partners and portals that prefer HTTP to AMQP: registrations, the " +
            "delivery log and resends. E-mail to founders goes out by SMTP and has no routes.");
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<BusEventConsumer, BusEventConsumerDefinition>();
            bus.AddConsumer<ApplicationContactsConsumer, ApplicationContactsConsumerDefinition>();
            bus.AddConsumer<ApplicationContactsErasedConsumer, ApplicationContactsErasedConsumerDefinition>();
            bus.AddConsumer<MentoringSessionScheduledConsumer, MentoringSessionScheduledConsumerDefinition>();
            bus.AddConsumer<ReviewerContactConsumer, ReviewerContactConsumerDefinition>();
            bus.AddConsumer<ReviewAssignedConsumer, ReviewAssignedConsumerDefinition>();
        });

        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<ITimerHandler, DeliveryTimer>();
        builder.Services.AddSingleton<SmtpConnections>();
        builder.Services.AddSingleton<ITimerHandler, EmailTimer>();
        builder.Services.AddSingleton<ITimerHandler, OfferReminderTimer>();
        builder.Services.AddDurableTimers();
        builder.AddEventStore<NotificationsOutbox>(DatabaseConnectionName, ServiceName, store =>
        {
            store.Projections.Snapshot<Webhook>(SnapshotLifecycle.Inline);
            store.Schema.For<Webhook>().Index(w => w.OwnerSub);
            store.Schema.For<WebhookDelivery>().Index(d => d.WebhookId);
            store.Schema.For<WebhookHealth>();
            store.Schema.For<ApplicantContacts>();
            store.Schema.For<ErasedFounders>();
            store.Schema.For<AwaitingContacts>();
            store.Schema.For<ReviewerContacts>();
            store.Schema.For<PendingOffer>();
            store.Schema.For<OutgoingEmail>().Index(e => e.ApplicationId);
        });
        return builder;
    }

    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        var webhooks = app.MapGroup("/api/webhooks").WithTags("Webhooks")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Partner));
        webhooks.MapPost("/", RegisterWebhook.Handle)
            .WithSummary("Register a receiver for some events; the whsec_ secret is shown only in this answer").AcceptsIdempotencyKey()
            .WithRequestExample(new RegisterWebhookRequest("https://hooks.partner.example/accelerator",
                ["resource-grant-requested", "resource-grant-topped-up"]));
        webhooks.MapGet("/", GetWebhooks.List).WithSummary("The caller's own webhooks, a page at a time (Link rel=next)");
        webhooks.MapGet("/{id:guid}", GetWebhooks.ById).WithSummary("Read one of the caller's webhooks (never its secret)");
        webhooks.MapDelete("/{id:guid}", DeleteWebhook.Handle).WithSummary("Stop delivering to a webhook and forget it");
        webhooks.MapGet("/{id:guid}/deliveries", GetDeliveries.List)
            .WithSummary("The delivery log: each event, its attempts with status and response code, a page at a time");
        webhooks.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", GetDeliveries.ById).WithSummary("Read one delivery and its attempts");
        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/resend", ResendDelivery.Handle)
            .WithSummary("Deliver that event again, with the same webhook-id").ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
