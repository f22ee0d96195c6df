using Accelerator.Applications.Applications;
using Accelerator.Applications.Applications.Drafting;
using Accelerator.Applications.Applications.Exporting;
using Accelerator.Applications.Applications.History;
using Accelerator.Applications.Applications.Listing;
using Accelerator.Applications.Applications.Reading;
using Accelerator.Applications.Applications.Replacing;
using Accelerator.Applications.Applications.Submitting;
using Accelerator.Applications.Applications.Withdrawing;
using Accelerator.Applications.Cohorts;
using Accelerator.Applications.Cohorts.Closing;
using Accelerator.Applications.Cohorts.Completing;
using Accelerator.Applications.Cohorts.Creating;
using Accelerator.Applications.Cohorts.Reading;
using Accelerator.Applications.Privacy;
using Accelerator.ServiceDefaults;
using Accelerator.ServiceDefaults.Operating;
using JasperFx.Events.Projections;
using Marten;

namespace Accelerator.Applications;

public static class ApplicationsModule
{
    public const string ServiceName = "applications";
    public const string DatabaseConnectionName = "applicationsdb";

    public static WebApplicationBuilder AddApplications(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemHandling();
        builder.AddAcceleratorAuthentication();
        builder.AddMessaging(ServiceName, publishes: typeof(Accelerator.Applications.Contracts.CohortCreated).Assembly);
        builder.Services.AddDurableTimers();
        builder.Services.AddSingleton<ITimerHandler, CallClosingTimer>();
        builder.Services.AddSingleton<ITimerHandler, ProgrammeEndingTimer>();
        builder.Services.AddSingleton<ITimerHandler, ErasureTimer>();
        builder.AddEventStore<ApplicationsOutbox>(DatabaseConnectionName, ServiceName, options =>
        {
            options.CountOnCommit(ApplicationsMetrics.Count);
            options.Projections.Snapshot<Cohort>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<Application>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<Erasure>(SnapshotLifecycle.Inline);
            options.Schema.For<PendingErasure>();
            // Lists filter on the owner or the cohort and page on the id: one index range scan per page.
            options.Schema.For<Application>().Index([a => a.ApplicantId, a => a.Id]).Index([a => a.CohortId, a => a.Id]);
        });
        return builder;
    }

    public static WebApplication MapApplicationsApi(this WebApplication app)
    {
        var cohorts = app.MapGroup("/api/cohorts").WithTags("Cohorts");
        cohorts.MapGet("/", GetCohorts.List).AllowAnonymous();
        cohorts.MapGet("/{id:guid}", GetCohorts.ById).AllowAnonymous();
        cohorts.MapPost("/", CreateCohort.Handle).RequireAuthorization(Roles.Operator);
        cohorts.MapPost("/{id:guid}/close", CloseCohort.Handle).RequireAuthorization(Roles.Operator);
        cohorts.MapPost("/{id:guid}/complete", CompleteCohort.Handle).RequireAuthorization(Roles.Operator);

        var applications = app.MapGroup("/api/applications").WithTags("Applications").RequireAuthorization();
        applications.MapPost("/", DraftApplication.Handle).RequireAuthorization(Roles.Applicant);
        applications.MapGet("/", ListApplications.Handle).RequireAuthorization(Roles.Operator);
        applications.MapGet("/mine", MyApplications.Handle).RequireAuthorization(Roles.Applicant);
        applications.MapGet("/export.csv", ExportApplications.Handle).VisibleTo(Roles.Operator);
        applications.MapGet("/{id:guid}", GetApplication.Handle);
        applications.MapGet("/{id:guid}/history", GetApplicationHistory.Handle).RequireAuthorization(Roles.Operator);
        applications.MapPut("/{id:guid}", ReplaceApplication.Handle).RequireAuthorization(Roles.Applicant);
        applications.MapPost("/{id:guid}/submit", SubmitApplication.Handle).RequireAuthorization(Roles.Applicant);
        applications.MapPost("/{id:guid}/withdraw", WithdrawApplication.Handle).RequireAuthorization(Roles.Applicant);

        var privacy = app.MapGroup("/api/privacy").WithTags("Privacy").RequireAuthorization(Roles.Operator);
        privacy.MapPost("/erasures", RequestErasure.Handle);
        privacy.MapGet("/erasures/{id:guid}", GetErasure.Handle);
        return app;
    }
}
