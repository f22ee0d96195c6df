using Accelerator.Selection.Candidates;
using Accelerator.Selection.Screening;

namespace Accelerator.Selection.Tests;

public sealed class ScreeningTests
{
    private static Submission Eligible() => new(Guid.NewGuid(), Guid.NewGuid(), "alice", "Forge", Stage.Acceleration,
        ["meta-llama/Llama-3.1-8B"], null, "https://github.com/forge/forge", "Apache-2.0", ["nlp"], 1000);

    [Fact]
    public void An_open_weight_model_an_osi_licence_a_repository_and_a_late_stage_are_eligible()
    {
        var result = EligibilityRules.Screen(Eligible());
        result.Eligible.ShouldBeTrue();
        result.Reasons.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("mistralai/Mistral-7B-v0.3")]
    [InlineData("google/gemma-2-9b")]
    [InlineData("Qwen/Qwen2.5-7B-Instruct")]
    [InlineData("tiiuae/falcon-7b")]
    [InlineData("bigscience/bloom-560m")]
    [InlineData("openai/gpt-oss-20b")]
    [InlineData("META-LLAMA/llama-3.2-1b")]
    public void Catalogued_open_weight_families_count(string model) =>
        EligibilityRules.Screen(Eligible() with { FoundationModels = [model] }).Eligible.ShouldBeTrue();

    [Theory]
    [InlineData("openai/gpt-4o", "is a closed model")]
    [InlineData("anthropic/claude-3-5-sonnet", "is a closed model")]
    [InlineData("google/gemini-1.5-pro", "is a closed model")]
    [InlineData("acme/secret-sauce", "is not a recognised model")]
    [InlineData("google/some-new-model", "is not a recognised model")]
    public void Closed_or_unknown_models_alone_are_ineligible_and_named(string model, string why)
    {
        var result = EligibilityRules.Screen(Eligible() with { FoundationModels = [model] });
        result.Eligible.ShouldBeFalse();
        result.Reasons.ShouldHaveSingleItem().ShouldContain($"{model} {why}");
    }

    [Fact]
    public void An_integration_plan_stands_in_for_an_open_weight_model()
    {
        var result = EligibilityRules.Screen(Eligible() with { FoundationModels = ["openai/gpt-4o"], IntegrationPlan = "Switch to Mistral." });
        result.Eligible.ShouldBeTrue();
    }

    [Fact]
    public void One_open_weight_model_among_closed_ones_is_enough() =>
        EligibilityRules.Screen(Eligible() with { FoundationModels = ["openai/gpt-4o", "mistralai/Mistral-Small-24B"] }).Eligible.ShouldBeTrue();

    [Fact]
    public void Every_failing_rule_is_reported_not_just_the_first()
    {
        var result = EligibilityRules.Screen(Eligible() with
        {
            FoundationModels = [], Stage = Stage.Idea, OpenSourceLicense = "BUSL-1.1", OpenSourceRepositoryUrl = null,
        });

        result.Eligible.ShouldBeFalse();
        result.Reasons.Count.ShouldBe(4);
        result.Reasons.ShouldContain(r => r.StartsWith("No open-weight foundation model"));
        result.Reasons.ShouldContain(r => r.Contains("BUSL-1.1 is not OSI-approved"));
        result.Reasons.ShouldContain(r => r.Contains("No public repository URL"));
        result.Reasons.ShouldContain(r => r.Contains("idea stage"));
    }

    [Theory]
    [InlineData(Stage.Idea, false)]
    [InlineData(Stage.Mvp, false)]
    [InlineData(Stage.Acceleration, true)]
    [InlineData(Stage.Growth, true)]
    public void Only_acceleration_and_growth_stages_are_eligible(Stage stage, bool eligible) =>
        EligibilityRules.Screen(Eligible() with { Stage = stage }).Eligible.ShouldBe(eligible);

    [Theory]
    [InlineData("MIT", true)]
    [InlineData("apache-2.0", true)]
    [InlineData("GPL-3.0-or-later", true)]
    [InlineData("Llama-3.1-Community", false)]
    [InlineData("CC-BY-NC-4.0", false)]
    [InlineData(null, false)]
    public void The_repository_licence_must_be_osi_approved(string? licence, bool eligible) =>
        EligibilityRules.Screen(Eligible() with { OpenSourceLicense = licence }).Eligible.ShouldBe(eligible);
}
