namespace Accelerator.Mentoring;

/// <summary>Names this service's entry assembly, e.g. for WebApplicationFactory in the tests.</summary>
public abstract class MentoringHost;
