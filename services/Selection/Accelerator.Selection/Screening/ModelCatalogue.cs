namespace Accelerator.Selection.Screening;

public enum ModelAccess { OpenWeight, Closed, Unrecognised }

public sealed record ModelFamily(string Owner, string NamePrefix, string Family, string Licence, ModelAccess Access);

/// <summary>
/// The curated catalogue that decides whether a model-hub id names an open-weight model. A family is an owner on
/// the hub and a name prefix ("" for every model of that owner); the longest matching prefix wins, so
/// <c>openai/gpt-oss</c> (Apache-2.0 weights) is told apart from <c>openai/gpt-4o</c> (an API only). A model that
/// matches no family is reported as unrecognised, never silently accepted. Extend it by adding a row.
/// </summary>
public static class ModelCatalogue
{
    public static readonly IReadOnlyList<ModelFamily> Families =
    [
        new("meta-llama", "", "Llama", "Llama Community Licence", ModelAccess.OpenWeight),
        new("mistralai", "", "Mistral", "Apache-2.0 / Mistral Research Licence", ModelAccess.OpenWeight),
        new("google", "gemma", "Gemma", "Gemma Terms of Use", ModelAccess.OpenWeight),
        new("google", "t5", "T5", "Apache-2.0", ModelAccess.OpenWeight),
        new("google", "flan", "Flan-T5", "Apache-2.0", ModelAccess.OpenWeight),
        new("google", "gemini", "Gemini", "proprietary API", ModelAccess.Closed),
        new("Qwen", "", "Qwen", "Apache-2.0 / Qwen Licence", ModelAccess.OpenWeight),
        new("tiiuae", "falcon", "Falcon", "Falcon LLM Licence / Apache-2.0", ModelAccess.OpenWeight),
        new("bigscience", "bloom", "BLOOM", "BigScience RAIL", ModelAccess.OpenWeight),
        new("microsoft", "phi", "Phi", "MIT", ModelAccess.OpenWeight),
        new("deepseek-ai", "", "DeepSeek", "MIT / DeepSeek Licence", ModelAccess.OpenWeight),
        new("allenai", "olmo", "OLMo", "Apache-2.0", ModelAccess.OpenWeight),
        new("EleutherAI", "", "Pythia / GPT-NeoX", "Apache-2.0", ModelAccess.OpenWeight),
        new("HuggingFaceTB", "smollm", "SmolLM", "Apache-2.0", ModelAccess.OpenWeight),
        new("ibm-granite", "", "Granite", "Apache-2.0", ModelAccess.OpenWeight),
        new("stabilityai", "", "Stable Diffusion / StableLM", "Stability AI Community Licence", ModelAccess.OpenWeight),
        new("CohereForAI", "", "Aya / Command R weights", "CC-BY-NC-4.0", ModelAccess.OpenWeight),
        new("nvidia", "", "Nemotron", "NVIDIA Open Model Licence", ModelAccess.OpenWeight),
        new("openai", "gpt-oss", "gpt-oss", "Apache-2.0", ModelAccess.OpenWeight),
        new("openai", "whisper", "Whisper", "MIT", ModelAccess.OpenWeight),
        new("openai", "", "OpenAI API models", "proprietary API", ModelAccess.Closed),
        new("anthropic", "", "Claude", "proprietary API", ModelAccess.Closed),
        new("cohere", "", "Cohere API models", "proprietary API", ModelAccess.Closed),
        new("xai-org", "grok-1", "Grok-1", "Apache-2.0", ModelAccess.OpenWeight),
        new("xai-org", "", "Grok API models", "proprietary API", ModelAccess.Closed),
    ];

    public static ModelFamily? Find(string modelId)
    {
        var slash = modelId.IndexOf('/');
        if (slash <= 0)
            return null;
        var owner = modelId[..slash];
        var name = modelId[(slash + 1)..];
        return Families
            .Where(f => string.Equals(f.Owner, owner, StringComparison.OrdinalIgnoreCase)
                && name.StartsWith(f.NamePrefix, StringComparison.OrdinalIgnoreCase))
            .MaxBy(f => f.NamePrefix.Length);
    }

    public static ModelAccess AccessOf(string modelId) => Find(modelId)?.Access ?? ModelAccess.Unrecognised;
}
