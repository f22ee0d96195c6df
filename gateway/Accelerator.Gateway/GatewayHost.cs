namespace Accelerator.Gateway;

/// <summary>Names the gateway's entry assembly, e.g. for WebApplicationFactory in the tests.</summary>
public abstract class GatewayHost;
