using System.Text.Json.Nodes;

namespace Accelerator.Testing;

/// <summary>An eligible application (SPEC §3) for the tests and the bench: an open-model startup in acceleration.</summary>
public static class SampleApplication
{
    public static JsonObject For(Guid cohortId, string startupName = "Mistral Forge") => new()
    {
        ["cohortId"] = cohortId,
        ["startup"] = new JsonObject
        {
            ["name"] = startupName, ["website"] = "https://forge.example", ["country"] = "FR", ["stage"] = "acceleration",
        },
        ["founders"] = new JsonArray(new JsonObject { ["name"] = "Camille Martin", ["email"] = "camille@forge.example" }),
        ["summary"] = "Fine-tuned open models for legal French.",
        ["foundationModels"] = new JsonArray("meta-llama/Llama-3.1-8B"),
        ["openSource"] = new JsonObject { ["repositoryUrl"] = "https://github.com/forge/forge", ["license"] = "Apache-2.0" },
        ["domains"] = new JsonArray("nlp", "legal"),
        ["requestedGpuHours"] = 2000,
    };
}
