using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.ServiceDefaults;

/// <summary>Collects every invalid field of a request, so that one 400 answer lists them all.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> errors = [];

    public bool IsValid => errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
            errors[field] = messages = [];
        messages.Add(message);
        return this;
    }

    /// <summary>Adds the message when the condition does not hold; answers whether it held.</summary>
    public bool Check(bool condition, string field, string message)
    {
        if (!condition)
            Add(field, message);
        return condition;
    }

    public bool Required<T>(T? value, string field) where T : class =>
        Check(value is not null && (value is not string text || !string.IsNullOrWhiteSpace(text)), field, $"{field} is required.");

    public bool Required<T>(T? value, string field) where T : struct =>
        Check(value.HasValue, field, $"{field} is required.");

    /// <summary>A required text of at most <paramref name="maxLength"/> characters once trimmed.</summary>
    public bool Text(string? value, string field, int maxLength) =>
        Required(value, field) && MaxLength(value, field, maxLength);

    /// <summary>Null passes (<see cref="Required{T}(T, string)"/> says whether it may be missing); a longer text does not.</summary>
    public bool MaxLength(string? value, string field, int maxLength) =>
        Check(value is null || value.Trim().Length <= maxLength, field, $"{field} must be at most {maxLength} characters.");

    /// <summary>Null passes; a longer list does not. Check it before the entries, so that a huge list is one error, not one per entry.</summary>
    public bool MaxCount<T>(IReadOnlyCollection<T>? values, string field, int maxCount) =>
        Check(values is null || values.Count <= maxCount, field, $"{field} must list at most {maxCount} entries.");

    /// <summary>A required whole number within bounds.</summary>
    public bool Range(int? value, string field, int min, int max) =>
        Required(value, field) && Check(value >= min && value <= max, field, $"{field} must be a whole number from {min} to {max}.");

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray()),
            detail: "The request has invalid fields; see errors.",
            title: ProblemKinds.Validation.Title,
            type: ProblemKinds.Validation.Type);
}

/// <summary>A refusal of a known kind, answered as that kind's problem with the message as its detail.</summary>
public abstract class ProblemException(ProblemKind kind, string detail) : Exception(detail)
{
    public ProblemKind Kind { get; } = kind;

    private protected static ProblemKind Expect(ProblemKind kind, int status) =>
        kind.Status == status ? kind : throw new ArgumentException($"{kind.Slug} is a {kind.Status}, not a {status}.", nameof(kind));
}

/// <summary>A well-formed request that the current state does not allow (a closed call, a second decision): 409.</summary>
public sealed class ConflictException(ProblemKind kind, string detail) : ProblemException(Expect(kind, 409), detail);

/// <summary>A well-formed request that breaks a business rule: 422.</summary>
public sealed class BusinessRuleException(ProblemKind kind, string detail) : ProblemException(Expect(kind, 422), detail);
