namespace Accelerator.Notifications;

/// <summary>Names this service's entry assembly, e.g. for WebApplicationFactory in the tests.</summary>
public abstract class NotificationsHost;
