using Accelerator.Resources.Cohorts;
using Accelerator.Resources.Grants;
using Accelerator.Resources.Grants.Activating;
using Accelerator.Resources.Grants.Reading;
using Accelerator.Resources.Grants.Requesting;
using Accelerator.Resources.Grants.Revoking;
using Accelerator.Resources.Grants.TopUps;
using Accelerator.Resources.Grants.Usage;
using Accelerator.ServiceDefaults;
using Accelerator.ServiceDefaults.OpenApi;
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
        builder.AddApiDocument("Accelerator Resources API",
            "Grants of GPU compute and model-hub seats to admitted startups: partner activation, the usage ledger, quotas and top-ups.");
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
        grants.MapGet("/", ListGrants.Handle)
            .WithSummary("List the grants the caller may see, by application, a page at a time (Link rel=next)");
        grants.MapGet("/{id:guid}", GetGrant.Handle).WithSummary("Read a grant (its owner, an operator or the partner of its kind)");
        grants.MapPost("/{id:guid}/activate", ActivateGrant.Handle).RequireAuthorization(Roles.Partner)
            .WithSummary("Activate a grant once the partner has provisioned it").ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(new ActivateGrantRequest("scw-project-4f2a"));
        grants.MapPost("/{id:guid}/usage", ReportUsage.Handle).RequireAuthorization(Roles.Partner)
            .WithSummary("Report usage; a repeated reference is counted once").ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(new UsageRequest(12.5m, new DateTimeOffset(2027, 3, 15, 18, 0, 0, TimeSpan.Zero), "invoice-2027-03-15-001"));
        grants.MapPost("/{id:guid}/top-ups", RequestTopUp.Handle).WithSummary("Ask for more of a grant (its owner)")
            .AcceptsIdempotencyKey().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(new TopUpRequest(500, "A second fine-tuning run on the larger model."));
        grants.MapGet("/{id:guid}/top-ups/{topUpId:guid}", GetTopUp.Handle).WithSummary("Read a top-up request");
        grants.MapPost("/{id:guid}/top-ups/{topUpId:guid}/approve", DecideTopUp.HandleApprove).RequireAuthorization(Roles.Operator)
            .WithSummary("Approve a top-up: the grant's amount grows")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        grants.MapPost("/{id:guid}/top-ups/{topUpId:guid}/reject", DecideTopUp.HandleReject).RequireAuthorization(Roles.Operator)
            .WithSummary("Reject a top-up").ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(new RejectTopUpRequest("The cohort's compute budget is spent."));
        return app;
    }
}
