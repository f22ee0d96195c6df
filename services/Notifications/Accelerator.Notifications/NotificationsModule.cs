using Accelerator.Notifications.Emails;
using Accelerator.Notifications.Events;
using Accelerator.Notifications.Webhooks;
using Accelerator.Notifications.Webhooks.Deleting;
using Accelerator.Notifications.Webhooks.Deliveries;
using Accelerator.Notifications.Webhooks.Delivering;
using Accelerator.Notifications.Webhooks.Reading;
using Accelerator.Notifications.Webhooks.Registering;
using Accelerator.ServiceDefaults;
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
        builder.AddMessaging(ServiceName, bus =>
        {
            foreach (var contract in BusEvents.Contracts)
                RegistrationConfiguratorExtensions.AddConsumer(bus, typeof(BusEventConsumer<>).MakeGenericType(contract),
                    typeof(BusEventConsumerDefinition<>).MakeGenericType(contract));
            bus.AddConsumer<ApplicationContactsConsumer, ApplicationContactsConsumerDefinition>();
            bus.AddConsumer<ApplicationContactsErasedConsumer, ApplicationContactsErasedConsumerDefinition>();
            bus.AddConsumer<MentoringSessionScheduledConsumer, MentoringSessionScheduledConsumerDefinition>();
        });

        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<ITimerHandler, DeliveryTimer>();
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
            store.Schema.For<PendingOffer>();
            store.Schema.For<OutgoingEmail>().Index(e => e.ApplicationId);
        });
        return builder;
    }

    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        var webhooks = app.MapGroup("/api/webhooks").WithTags("Webhooks")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Partner));
        webhooks.MapPost("/", RegisterWebhook.Handle);
        webhooks.MapGet("/", GetWebhooks.List);
        webhooks.MapGet("/{id:guid}", GetWebhooks.ById);
        webhooks.MapDelete("/{id:guid}", DeleteWebhook.Handle);
        webhooks.MapGet("/{id:guid}/deliveries", GetDeliveries.List);
        webhooks.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", GetDeliveries.ById);
        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/resend", ResendDelivery.Handle);
        return app;
    }
}
