using Accelerator.Mentoring.Cohorts;
using Accelerator.Mentoring.Mentors;
using Accelerator.Mentoring.Mentors.Reading;
using Accelerator.Mentoring.Mentors.Registering;
using Accelerator.Mentoring.Sessions;
using Accelerator.Mentoring.Sessions.Completing;
using Accelerator.Mentoring.Sessions.Reading;
using Accelerator.Mentoring.Sessions.Scheduling;
using Accelerator.Mentoring.Startups;
using Accelerator.Mentoring.Startups.Admitting;
using Accelerator.Mentoring.Startups.Assigning;
using Accelerator.Mentoring.Startups.Reading;
using Accelerator.ServiceDefaults;
using JasperFx.Events.Projections;
using Marten;

namespace Accelerator.Mentoring;

public static class MentoringModule
{
    public const string ServiceName = "mentoring";
    public const string DatabaseConnectionName = "mentoringdb";

    public static WebApplicationBuilder AddMentoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemHandling();
        builder.AddAcceleratorAuthentication();
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<StartupAdmittedConsumer>();
            bus.AddConsumer<CohortCreatedConsumer>();
            bus.AddConsumer<CohortCompletedConsumer>();
        }, typeof(Accelerator.Mentoring.Contracts.MentorAssigned).Assembly);
        builder.AddEventStore<MentoringOutbox>(DatabaseConnectionName, ServiceName, options =>
        {
            options.Projections.Snapshot<Mentor>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<MentoredStartup>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<MentoringCohort>(SnapshotLifecycle.Inline);
            options.Schema.For<MentoredStartup>().Index([s => s.CohortId, s => s.Id]);
            options.Schema.For<MentorIdentity>();
            options.Schema.For<SessionLocator>();
        });
        return builder;
    }

    public static WebApplication MapMentoringApi(this WebApplication app)
    {
        var mentors = app.MapGroup("/api/mentors").WithTags("Mentors")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Mentor));
        mentors.MapPost("/", RegisterMentor.Handle).RequireAuthorization(Roles.Operator);
        mentors.MapGet("/", GetMentors.List);
        mentors.MapGet("/{id:guid}", GetMentors.ById);

        var mentoring = app.MapGroup("/api/mentoring").WithTags("Mentoring");
        var startups = mentoring.MapGroup("/startups");
        startups.MapGet("/", GetStartups.List).RequireAuthorization(Roles.Operator);
        startups.MapGet("/{applicationId:guid}", GetStartups.ById)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Applicant, Roles.Mentor));
        startups.MapPost("/{applicationId:guid}/mentors", AssignMentor.Handle).RequireAuthorization(Roles.Operator);

        var sessions = mentoring.MapGroup("/sessions");
        sessions.MapPost("/", ScheduleSession.Handle).RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Mentor));
        sessions.MapGet("/{id:guid}", GetSession.Handle)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Applicant, Roles.Mentor));
        sessions.MapPost("/{id:guid}/complete", CompleteSession.Handle)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Mentor));
        return app;
    }
}
