namespace Accelerator.Resources.Grants.Usage;

/// <summary>
/// The arithmetic of a grant's usage. Usage is decimal because GPU hours are metered in fractions; grant amounts are
/// whole units (the contract's <c>amount</c> is an integer). Comparisons are exact: 80 of 100 is past the threshold.
/// </summary>
public static class Ledger
{
    public const int ThresholdPercent = 80;

    public static bool IsPastThreshold(decimal used, int amount) => used * 100 >= (decimal)amount * ThresholdPercent;

    public static bool IsExhausted(decimal used, int amount) => used >= amount;
}
