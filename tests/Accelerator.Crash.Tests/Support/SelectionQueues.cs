namespace Accelerator.Crash.Tests.Support;

public static class SelectionQueues
{
    public static readonly string[] All =
    [
        "selection-application-submitted", "selection-application-withdrawn", "selection-cohort-created",
        "selection-call-for-applications-closed",
    ];
}
