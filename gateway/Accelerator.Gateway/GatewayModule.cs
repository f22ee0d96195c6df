using Accelerator.ServiceDefaults;

namespace Accelerator.Gateway;

public static class GatewayModule
{
    /// <summary>Routes live in appsettings.json (ReverseProxy); destinations are service names resolved by service discovery.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemHandling();
        builder.AddAcceleratorAuthentication();
        builder.Services.AddEdgePolicies(builder.Configuration);
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }
}
