namespace Accelerator.Resources;

/// <summary>Names this service's entry assembly, e.g. for WebApplicationFactory in the tests.</summary>
public abstract class ResourcesHost;
