using Accelerator.Resources.Cohorts;
using Accelerator.Resources.Grants;
using Accelerator.Resources.Grants.Activating;
using Accelerator.Resources.Grants.Reading;
using Accelerator.Resources.Grants.Requesting;
using Accelerator.Resources.Grants.Revoking;
using Accelerator.Resources.Grants.TopUps;
using Accelerator.Resources.Grants.Usage;
using Accelerator.ServiceDefaults;
using Accelerator.ServiceDefaults.Operating;
using JasperFx.Events.Projections;
using Marten;

namespace Accelerator.Resources;

public static class ResourcesModule
{
    public const string ServiceName = "resources";
    public const string DatabaseConnectionName = "resourcesdb";

    public static WebApplicationBuilder AddResources(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemHandling();
        builder.AddAcceleratorAuthentication();
        builder.Services.AddSingleton(Partners.From(builder.Configuration));
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<CohortCreatedConsumer>();
            bus.AddConsumer<StartupAdmittedConsumer>();
            bus.AddConsumer<CohortCompletedConsumer>();
        }, typeof(Accelerator.Resources.Contracts.ResourceGrantRequested).Assembly);
        builder.AddEventStore<ResourcesOutbox>(DatabaseConnectionName, ServiceName, options =>
        {
            options.CountOnCommit(ResourcesMetrics.Count);
            options.Projections.Snapshot<ResourceCohort>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<Grant>(SnapshotLifecycle.Inline);
            options.Schema.For<Grant>().Index(g => g.ApplicationId).Index(g => g.CohortId).Index(g => g.ApplicantId);
        });
        return builder;
    }

    public static WebApplication MapResourcesApi(this WebApplication app)
    {
        var grants = app.MapGroup("/api/grants").WithTags("Grants").RequireAuthorization();
        grants.MapGet("/", ListGrants.Handle);
        grants.MapGet("/{id:guid}", GetGrant.Handle);
        grants.MapPost("/{id:guid}/activate", ActivateGrant.Handle).RequireAuthorization(Roles.Partner);
        grants.MapPost("/{id:guid}/usage", ReportUsage.Handle).RequireAuthorization(Roles.Partner);
        grants.MapPost("/{id:guid}/top-ups", RequestTopUp.Handle);
        grants.MapGet("/{id:guid}/top-ups/{topUpId:guid}", GetTopUp.Handle);
        grants.MapPost("/{id:guid}/top-ups/{topUpId:guid}/approve", DecideTopUp.HandleApprove).RequireAuthorization(Roles.Operator);
        grants.MapPost("/{id:guid}/top-ups/{topUpId:guid}/reject", DecideTopUp.HandleReject).RequireAuthorization(Roles.Operator);
        return app;
    }
}
