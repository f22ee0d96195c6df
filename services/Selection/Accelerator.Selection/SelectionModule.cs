using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Decisions;
using Accelerator.Selection.Discussion;
using Accelerator.Selection.Offers.Accepting;
using Accelerator.Selection.Offers.Declining;
using Accelerator.Selection.Offers.Expiring;
using Accelerator.Selection.Offers.Reading;
using Accelerator.Selection.Overrides;
using Accelerator.Selection.Ranking;
using Accelerator.Selection.Reviewers;
using Accelerator.Selection.Reviewers.Listing;
using Accelerator.Selection.Reviewers.Registering;
using Accelerator.Selection.Reviews.Assigning;
using Accelerator.Selection.Reviews.Conflicts;
using Accelerator.Selection.Reviews.Reading;
using Accelerator.Selection.Reviews.Submitting;
using Accelerator.Selection.Screening;
using Accelerator.ServiceDefaults;
using Accelerator.ServiceDefaults.Operating;
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
        }, typeof(Accelerator.Selection.Contracts.StartupAdmitted).Assembly);
        builder.AddEventStore<SelectionOutbox>(DatabaseConnectionName, ServiceName, options =>
        {
            options.CountOnCommit(SelectionMetrics.Count);
            options.Projections.Snapshot<Candidate>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<SelectionCohort>(SnapshotLifecycle.Inline);
            options.Schema.For<Candidate>().Index(c => c.Submission.CohortId).Index(c => c.Submission.ApplicantId);
            options.Projections.Snapshot<Reviewer>(SnapshotLifecycle.Inline);
            options.Schema.For<Reviewer>().UniqueIndex(r => r.Sub);
            options.Events.AddEventType<CohortReviewersAssigned>();
            options.Projections.Snapshot<PanelComment>(SnapshotLifecycle.Inline);
            options.Schema.For<PanelComment>().Index(c => c.ApplicationId);
        });
        builder.Services.AddDurableTimers();
        builder.Services.AddSingleton<ITimerHandler, OfferExpiryHandler>();
        return builder;
    }

    public static WebApplication MapSelectionApi(this WebApplication app)
    {
        var selection = app.MapGroup("/api/selection").WithTags("Selection").RequireAuthorization();
        selection.MapGet("/applications/{applicationId:guid}", GetCandidate.Handle);
        selection.MapGet("/cohorts/{cohortId:guid}/ranking", GetRanking.Handle).RequireAuthorization(Roles.Operator);
        selection.MapPost("/cohorts/{cohortId:guid}/decide", DecideSelection.Handle).RequireAuthorization(Roles.Operator);

        var offers = app.MapGroup("/api/offers").WithTags("Offers").RequireAuthorization(Roles.Applicant);
        offers.MapGet("/mine", GetMyOffers.Handle);
        offers.MapPost("/{applicationId:guid}/accept", AcceptOffer.Handle);
        offers.MapPost("/{applicationId:guid}/decline", DeclineOffer.Handle);

        selection.MapPost("/cohorts/{cohortId:guid}/assign-reviewers", AssignReviewers.Handle).RequireAuthorization(Roles.Operator);

        var reviewers = app.MapGroup("/api/reviewers").WithTags("Reviewers").RequireAuthorization(Roles.Operator);
        reviewers.MapPost("/", RegisterReviewer.Handle);
        reviewers.MapGet("/", GetReviewers.List);
        reviewers.MapGet("/{id:guid}", GetReviewers.ById);

        var reviews = app.MapGroup("/api/reviews").WithTags("Reviews").RequireAuthorization(Roles.Reviewer);
        reviews.MapGet("/mine", GetMyReviews.Handle);
        reviews.MapPut("/{applicationId:guid}", SubmitReview.Handle);

        // The workbench: callers it is not for get 404, as if it did not exist (applicants above all).
        var workbench = app.MapGroup("/api/selection").WithTags("Selection workbench");
        workbench.MapGet("/applications/{applicationId:guid}/reviews", GetApplicationReviews.Handle).VisibleTo(Roles.Operator);
        workbench.MapGet("/applications/{applicationId:guid}/comments", GetComments.Handle).VisibleTo(Roles.Operator, Roles.Reviewer);
        workbench.MapPost("/applications/{applicationId:guid}/comments", PostComment.Handle).VisibleTo(Roles.Operator, Roles.Reviewer);
        workbench.MapPost("/applications/{applicationId:guid}/override", OverrideCandidate.Set).VisibleTo(Roles.Operator);
        workbench.MapDelete("/applications/{applicationId:guid}/override", OverrideCandidate.Delete).VisibleTo(Roles.Operator);
        workbench.MapGet("/cohorts/{cohortId:guid}/ranking.csv", GetRankingCsv.Handle).VisibleTo(Roles.Operator);
        var conflicts = app.MapGroup("/api/reviews").WithTags("Reviews");
        conflicts.MapPost("/{applicationId:guid}/conflict", DeclareConflict.Handle).VisibleTo(Roles.Reviewer);
        return app;
    }
}
