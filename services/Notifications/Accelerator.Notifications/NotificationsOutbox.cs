using Accelerator.ServiceDefaults;
using JasperFx.Events;
using MassTransit;

namespace Accelerator.Notifications;

/// <summary>Notifications tells the outside world over HTTP and SMTP, not on the bus: none of its events is published.</summary>
public sealed class NotificationsOutbox(IBus bus, ILogger<NotificationsOutbox> logger, BrokerProbe probe)
    : IntegrationEventOutbox(bus, logger, probe)
{
    protected override object? ToIntegrationEvent(IEvent stored) => null;
}
