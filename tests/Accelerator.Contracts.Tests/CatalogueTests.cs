using System.Text.Json.Nodes;
using Accelerator.Gateway.AsyncApi;
using Accelerator.Testing;

namespace Accelerator.Contracts.Tests;

/// <summary>SPEC §4 (with §7 "New events"), the README's event catalogue and the AsyncAPI document generated from the
/// Contracts records name the same events with the same fields. The end-to-end test holds the document the gateway
/// serves against them too.</summary>
public sealed class CatalogueTests
{
    [Fact]
    public void The_spec_the_readme_and_the_generated_document_agree()
    {
        EventCatalogue.SpecEvents().Count.ShouldBe(19);
        EventCatalogue.ReadmeEvents().ShouldNotBeEmpty();

        EventCatalogue.Disagreements(AsyncApiDocument.Build("localhost:5672")).ShouldBeEmpty();
    }

    [Fact]
    public void A_field_renamed_or_an_event_missing_is_a_disagreement()
    {
        var renamed = AsyncApiDocument.Build("localhost:5672");
        var properties = renamed["components"]!["schemas"]!["OfferExtended"]!["properties"]!.AsObject();
        properties["expiresOn"] = properties["expiresAt"]!.DeepClone();
        properties.Remove("expiresAt");
        EventCatalogue.Disagreements(renamed).ShouldContain(p => p.Contains("offer-extended") && p.Contains("expiresAt"));
        EventCatalogue.Disagreements(renamed).ShouldContain(p => p.Contains("offer-extended") && p.Contains("expiresOn"));

        var missing = AsyncApiDocument.Build("localhost:5672");
        missing["channels"]!.AsObject().Remove("mentor-assigned");
        missing["operations"]!.AsObject().Remove("send-mentor-assigned");
        EventCatalogue.Disagreements(missing).ShouldContain(p => p.Contains("mentor-assigned") && p.Contains("SPEC"));
        EventCatalogue.Disagreements(missing).ShouldContain(p => p.Contains("mentor-assigned") && p.Contains("README"));
    }

    [Fact]
    public void The_catalogues_are_read_with_their_nested_fields_and_without_their_comments()
    {
        var cohortCreated = EventCatalogue.ReadmeEvents().Single(e => e.Name == "cohort-created");
        cohortCreated.Publisher.ShouldBe("Applications");
        cohortCreated.Fields.Single(f => f.Name == "resourcePackage").Nested.ShouldBe(["gpuHours", "hubSeats", "region"]);
        EventCatalogue.SpecEvents().Single(e => e.Name == "cohort-selection-completed").FieldNames.ShouldBe(["cohortId", "admitted"]);
        EventCatalogue.SpecNewEvents().Select(e => e.Name).ShouldBe(["personal-data-erased", "resource-grant-topped-up"]);
    }

    [Fact]
    public void Each_package_readme_lists_the_events_of_its_contracts_and_the_compatibility_policy()
    {
        foreach (var service in IntegrationEvents.All.GroupBy(e => e.Publisher))
        {
            var readme = File.ReadAllText(Path.Combine(EventCatalogue.RepositoryRoot, "services", service.Key,
                $"Accelerator.{service.Key}.Contracts", "README.md"));
            foreach (var e in service)
                readme.ShouldContain($"| `{e.Name}` | `{e.Contract.Name}` |", customMessage: $"{service.Key}'s package README");
            readme.ShouldContain("fields are only added, never renamed, retyped or removed");
            readme.ShouldContain("A breaking change gets a new major version");
            readme.ShouldContain("Event names and exchanges are stable");
        }
    }
}
