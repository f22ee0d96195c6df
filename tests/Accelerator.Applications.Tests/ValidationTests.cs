using Accelerator.Applications.Applications.Drafting;
using Accelerator.Applications.Applications.Listing;
using Accelerator.ServiceDefaults;

namespace Accelerator.Applications.Tests;

public sealed class ValidationTests
{
    private static ApplicationRequest Valid() => new(Guid.NewGuid(),
        new StartupRequest("Forge", "https://forge.example", "FR", "growth"),
        [new FounderRequest("Camille", "camille@forge.example")], "LLM", ["meta-llama/Llama-3.1-8B"], null,
        new OpenSourceRequest("https://github.com/forge/forge", "Apache-2.0"), ["nlp"], 100);

    private static IEnumerable<string> Errors(ApplicationRequest request)
    {
        var v = new Validation();
        ApplicationRequestValidation.Validate(request, v);
        return v.IsValid ? [] : v.ToProblem().ProblemDetails.Errors.Keys;
    }

    [Theory]
    [InlineData("Apache-2.0", "Apache-2.0")]
    [InlineData("mit", "MIT")]
    [InlineData("GPL-3.0-or-later", "GPL-3.0-or-later")]
    [InlineData("LicenseRef-Forge-Community-1.0", "LicenseRef-Forge-Community-1.0")]
    public void A_known_spdx_identifier_or_a_licence_ref_is_accepted_in_its_canonical_spelling(string given, string kept)
    {
        var content = ApplicationRequestValidation.Validate(Valid() with { OpenSource = new OpenSourceRequest("https://x.example/r", given) },
            new Validation());

        content!.OpenSource.License.ShouldBe(kept);
    }

    [Theory]
    [InlineData("Apache-3.0")]
    [InlineData("Forge-License")]
    [InlineData("LicenseRef-")]
    [InlineData("MIT OR Apache-2.0")]
    public void An_unknown_licence_is_refused(string license) =>
        Errors(Valid() with { OpenSource = new OpenSourceRequest("https://x.example/r", license) }).ShouldBe(["openSource.license"]);

    [Theory]
    [InlineData("FR", true)]
    [InlineData("de", true)]
    [InlineData("GB", true)]
    [InlineData("UK", false)]
    [InlineData("XX", false)]
    [InlineData("FRA", false)]
    public void The_country_is_an_assigned_iso_3166_alpha_2_code(string country, bool valid) =>
        Errors(Valid() with { Startup = new StartupRequest("Forge", "https://forge.example", country, "growth") })
            .Any().ShouldBe(!valid);

    [Fact]
    public void Every_invalid_field_is_reported()
    {
        var request = Valid() with
        {
            Startup = new StartupRequest("", "forge.example", "ZZ", "seed"),
            Founders = [new FounderRequest("Ada", "ada@"), null],
            Summary = null,
            FoundationModels = ["llama", "meta-llama/Llama-3.1-8B"],
            OpenSource = new OpenSourceRequest("git@github.com:forge/forge.git", "Apache"),
            Domains = [" "],
            RequestedGpuHours = -5,
        };

        Errors(request).ShouldBe(["startup.name", "startup.website", "startup.country", "startup.stage", "founders[0].email",
            "founders[1]", "summary", "foundationModels[0]", "openSource.repositoryUrl", "openSource.license", "domains[0]",
            "requestedGpuHours"], ignoreOrder: true);
    }

    [Fact]
    public void Every_text_and_list_has_a_maximum()
    {
        var request = Valid() with
        {
            Startup = new StartupRequest(new string('n', 201), "https://forge.example/" + new string('w', 2000), "FR", "growth"),
            Founders = [.. Enumerable.Repeat(new FounderRequest("Ada", "ada@forge.example"), 21)],
            Summary = new string('s', 4001),
            FoundationModels = [.. Enumerable.Repeat("meta-llama/Llama-3.1-8B", 21)],
            IntegrationPlan = new string('p', 4001),
            OpenSource = new OpenSourceRequest("https://github.com/" + new string('r', 2000), "LicenseRef-" + new string('l', 100)),
            Domains = [.. Enumerable.Repeat("nlp", 21)],
            RequestedGpuHours = 1_000_001,
        };

        Errors(request).ShouldBe(["startup.name", "startup.website", "founders", "summary", "foundationModels", "integrationPlan",
            "openSource.repositoryUrl", "openSource.license", "domains", "requestedGpuHours"], ignoreOrder: true);
    }

    [Fact]
    public void An_entry_of_a_list_has_a_maximum_too()
    {
        var request = Valid() with
        {
            Founders = [new FounderRequest(new string('a', 201), new string('e', 250) + "@x.example")],
            FoundationModels = ["meta-llama/" + new string('m', 200)],
            Domains = [new string('d', 101)],
        };

        Errors(request).ShouldBe(["founders[0].name", "founders[0].email", "foundationModels[0]", "domains[0]"], ignoreOrder: true);
    }

    [Fact]
    public void Every_invalid_listing_filter_is_reported()
    {
        var v = new Validation();

        ListApplications.Parse("not-a-guid", "accepted", "500", "x", v).ShouldBeNull();

        v.ToProblem().ProblemDetails.Errors.Keys.ShouldBe(["cohortId", "status", "limit", "after"], ignoreOrder: true);
    }

    [Fact]
    public void The_listing_defaults_to_pages_of_fifty()
    {
        var cohort = Guid.NewGuid();

        ListApplications.Parse(cohort.ToString(), "Submitted", null, null, new Validation())
            .ShouldBe(new ApplicationFilter(cohort, Applications.ApplicationStatus.Submitted, new PageRequest(50, null)));
    }

    [Theory]
    [InlineData("mvp,acceleration")]
    [InlineData("2")]
    [InlineData("Acceleration ")]
    public void A_stage_is_one_of_its_names_never_a_number_or_a_combination(string stage)
    {
        var request = Valid() with { Startup = new StartupRequest("Forge", "https://forge.example", "FR", stage) };
        if (stage.Trim() == "Acceleration")
            Errors(request).ShouldBeEmpty();
        else
            Errors(request).ShouldBe(["startup.stage"]);
    }

    [Fact]
    public void Empty_listing_filters_mean_no_filter()
    {
        var v = new Validation();
        ListApplications.Parse("", " ", "", "", v).ShouldBe(new ApplicationFilter(null, null, new PageRequest(50, null)));
        v.IsValid.ShouldBeTrue();
        ListApplications.Parse(null, "draft,submitted", null, null, v).ShouldBeNull();
    }
}
