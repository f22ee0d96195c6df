using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Screening;
using Accelerator.ServiceDefaults;
using JasperFx.Events.Projections;
using Marten;

namespace Accelerator.Selection;

public static class SelectionModule
{
    public const string ServiceName = "selection";
    public const string DatabaseConnectionName = "selectiondb";

    public static WebApplicationBuilder AddSelection(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemHandling();
        builder.AddAcceleratorAuthentication();
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<ApplicationSubmittedConsumer>();
            bus.AddConsumer<CohortCreatedConsumer>();
            bus.AddConsumer<CallForApplicationsClosedConsumer>();
            bus.AddConsumer<ApplicationWithdrawnConsumer>();
        });
        builder.AddEventStore<SelectionOutbox>(DatabaseConnectionName, ServiceName, options =>
        {
            options.Projections.Snapshot<Candidate>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<SelectionCohort>(SnapshotLifecycle.Inline);
            options.Schema.For<Candidate>().Index(c => c.Submission.CohortId);
        });
        return builder;
    }

    public static WebApplication MapSelectionApi(this WebApplication app)
    {
        var selection = app.MapGroup("/api/selection").WithTags("Selection").RequireAuthorization();
        selection.MapGet("/applications/{applicationId:guid}", GetCandidate.Handle);
        return app;
    }
}
