namespace Accelerator.ServiceDefaults;

/// <summary>
/// Parses an enum value from its name only, ignoring case. <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>
/// also takes numbers and comma lists ("mvp,acceleration" is their bitwise or): junk that would become another value.
/// </summary>
public static class EnumNames
{
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null && Enum.TryParse(name, out value);
    }
}
