using Accelerator.Applications.Applications;

namespace Accelerator.Applications.Tests;

public sealed class IfMatchTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("*", true)]
    [InlineData("\"3\"", true)]
    [InlineData("\"1\", \"3\"", true)]
    [InlineData("\"2\"", false)]
    [InlineData("W/\"3\"", false)]
    [InlineData("3", false)]
    [InlineData("\"three\"", false)]
    public void A_change_goes_ahead_only_on_the_current_version(string? ifMatch, bool allowed) =>
        ApplicationVersion.IfMatchAllows(ifMatch, currentVersion: 3).ShouldBe(allowed);
}
