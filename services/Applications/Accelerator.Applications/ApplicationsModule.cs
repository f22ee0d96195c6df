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
using Accelerator.ServiceDefaults.OpenApi;
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
        builder.AddApiDocument("Accelerator Applications API",
            "Cohorts and their calls for applications, applicants' applications, and erasure of founders' personal data.");
        builder.AddMessaging(ServiceName, publishes: typeof(Accelerator.Applications.Contracts.CohortCreated).Assembly);
        builder.Services.AddDurableTimers();
        builder.Services.AddSingleton<CohortsForDrafts>();
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
        cohorts.MapGet("/", GetCohorts.List).AllowAnonymous().WithSummary("List cohorts in id order (creation order), a page at a time (Link rel=next)");
        cohorts.MapGet("/{id:guid}", GetCohorts.ById).AllowAnonymous().WithSummary("Read a cohort and the status of its call");
        cohorts.MapPost("/", CreateCohort.Handle).RequireAuthorization(Roles.Operator)
            .WithSummary("Create a cohort and schedule its call for applications").AcceptsIdempotencyKey()
            .ProducesProblem(StatusCodes.Status409Conflict).WithRequestExample(ApiExamples.Cohort);
        cohorts.MapPost("/{id:guid}/close", CloseCohort.Handle).RequireAuthorization(Roles.Operator)
            .WithSummary("Close the call for applications now").ProducesProblem(StatusCodes.Status409Conflict);
        cohorts.MapPost("/{id:guid}/complete", CompleteCohort.Handle).RequireAuthorization(Roles.Operator)
            .WithSummary("End the programme period; the cohort's mentorships end and its grants are revoked")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var applications = app.MapGroup("/api/applications").WithTags("Applications").RequireAuthorization();
        applications.MapPost("/", DraftApplication.Handle).RequireAuthorization(Roles.Applicant)
            .WithSummary("Draft an application owned by the caller").AcceptsIdempotencyKey()
            .ProducesProblem(StatusCodes.Status409Conflict).WithRequestExample(ApiExamples.Application);
        applications.MapGet("/", ListApplications.Handle).RequireAuthorization(Roles.Operator)
            .WithSummary("List applications by cohort and status, a page at a time (Link rel=next)");
        applications.MapGet("/mine", MyApplications.Handle).RequireAuthorization(Roles.Applicant)
            .WithSummary("List the caller's own applications");
        applications.MapGet("/export.csv", ExportApplications.Handle).VisibleTo(Roles.Operator)
            .WithSummary("A cohort's applications as CSV (RFC 4180, formula cells escaped), streamed");
        applications.MapGet("/{id:guid}", GetApplication.Handle).WithSummary("Read an application (its owner or an operator)");
        applications.MapGet("/{id:guid}/history", GetApplicationHistory.Handle).RequireAuthorization(Roles.Operator)
            .WithSummary("Every event of an application, oldest first, with who caused it");
        applications.MapPut("/{id:guid}", ReplaceApplication.Handle).RequireAuthorization(Roles.Applicant)
            .WithSummary("Replace a draft's content while the call is open").AcceptsIfMatch()
            .ProducesProblem(StatusCodes.Status409Conflict).WithRequestExample(ApiExamples.Application);
        applications.MapPost("/{id:guid}/submit", SubmitApplication.Handle).RequireAuthorization(Roles.Applicant)
            .WithSummary("Submit a draft while the call is open").AcceptsIfMatch().ProducesProblem(StatusCodes.Status409Conflict);
        applications.MapPost("/{id:guid}/withdraw", WithdrawApplication.Handle).RequireAuthorization(Roles.Applicant)
            .WithSummary("Withdraw a draft or a submitted application").AcceptsIfMatch().ProducesProblem(StatusCodes.Status409Conflict);

        var privacy = app.MapGroup("/api/privacy").WithTags("Privacy").RequireAuthorization(Roles.Operator);
        privacy.MapPost("/erasures", RequestErasure.Handle)
            .WithSummary("Erase every founder with this e-mail from every application").AcceptsIdempotencyKey()
            .ProducesProblem(StatusCodes.Status409Conflict).WithRequestExample(new ErasureRequest("camille@forge.example"));
        privacy.MapGet("/erasures/{id:guid}", GetErasure.Handle).WithSummary("Read an erasure and the applications it touched");
        return app;
    }
}
