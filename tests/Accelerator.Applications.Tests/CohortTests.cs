using Accelerator.Applications.Cohorts;
using Accelerator.Applications.Cohorts.Creating;

namespace Accelerator.Applications.Tests;

public sealed class CohortTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static CreateCohortRequest Valid() => new("Spring 2027", 5, Now.AddDays(1), Now.AddDays(30),
        new DateOnly(2027, 1, 11), new DateOnly(2027, 7, 9), null, null, new ResourcePackageRequest(10000, 5, "fr-par"));

    [Fact]
    public void A_valid_request_creates_the_cohort_with_defaults()
    {
        var (created, validation) = CreateCohort.Decide(Valid(), Guid.NewGuid(), "ops", Now);

        validation.IsValid.ShouldBeTrue();
        created.ShouldNotBeNull();
        created.OfferValidity.ShouldBe(TimeSpan.FromDays(7));
        created.ReviewersPerApplication.ShouldBe(3);
        created.CreatedBy.ShouldBe("ops");
        created.CreatedAt.ShouldBe(Now);
    }

    [Fact]
    public void Every_invalid_field_is_reported()
    {
        var request = Valid() with
        {
            Name = " ", Seats = 0, ApplicationsCloseAt = Now.AddDays(-1), ApplicationsOpenAt = Now.AddDays(-2),
            ProgramEndsOn = new DateOnly(2027, 1, 1), OfferValidity = "P-1D", ReviewersPerApplication = 0,
            ResourcePackage = new ResourcePackageRequest(-1, null, "eu-west-1"),
        };

        var (created, validation) = CreateCohort.Decide(request, Guid.NewGuid(), "ops", Now);

        created.ShouldBeNull();
        var errors = validation.ToProblem().ProblemDetails.Errors.Keys;
        errors.ShouldBe(["name", "seats", "applicationsCloseAt", "programEndsOn", "offerValidity", "reviewersPerApplication",
            "resourcePackage.gpuHours", "resourcePackage.hubSeats", "resourcePackage.region"], ignoreOrder: true);
    }

    [Fact]
    public void Instants_and_durations_too_far_ahead_are_refused_before_they_overflow_anything()
    {
        var request = Valid() with
        {
            ApplicationsCloseAt = Now.AddYears(20), ProgramStartsOn = DateOnly.MaxValue.AddDays(-1),
            ProgramEndsOn = DateOnly.MaxValue, OfferValidity = "P5000000D",
        };

        var (created, validation) = CreateCohort.Decide(request, Guid.NewGuid(), "ops", Now);

        created.ShouldBeNull();
        validation.ToProblem().ProblemDetails.Errors.Keys.ShouldBe(["applicationsCloseAt", "programEndsOn", "offerValidity"],
            ignoreOrder: true);
    }

    [Theory]
    [InlineData("fr-par", true)]
    [InlineData("nl-ams", true)]
    [InlineData("pl-waw", true)]
    [InlineData("us-east-1", false)]
    public void The_region_must_be_an_eu_region_of_the_cloud_partner(string region, bool valid) =>
        CreateCohort.Decide(Valid() with { ResourcePackage = new ResourcePackageRequest(1, 1, region) }, Guid.NewGuid(), "ops", Now)
            .Validation.IsValid.ShouldBe(valid);

    [Fact]
    public void The_status_follows_the_clock()
    {
        var (created, _) = CreateCohort.Decide(Valid(), Guid.NewGuid(), "ops", Now);
        var cohort = Cohort.Create(created!);

        cohort.StatusAt(Now).ShouldBe(CohortStatus.Scheduled);
        cohort.StatusAt(Now.AddDays(1)).ShouldBe(CohortStatus.Open);
        cohort.StatusAt(Now.AddDays(30)).ShouldBe(CohortStatus.Closed);
        cohort.StatusAt(new DateTimeOffset(2027, 1, 11, 0, 0, 0, TimeSpan.Zero)).ShouldBe(CohortStatus.Running);
        cohort.StatusAt(new DateTimeOffset(2027, 7, 10, 0, 0, 0, TimeSpan.Zero)).ShouldBe(CohortStatus.Completed);
    }
}
