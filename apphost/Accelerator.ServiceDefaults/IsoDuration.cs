using System.Xml;

namespace Accelerator.ServiceDefaults;

/// <summary>ISO 8601 durations as the contract writes them (<c>P7D</c>, <c>PT30S</c>).</summary>
public static class IsoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        try
        {
            duration = XmlConvert.ToTimeSpan(text.Trim());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static string Format(TimeSpan duration) => XmlConvert.ToString(duration);
}
