namespace Accelerator.Testing;

public static class TestPorts
{
    /// <summary>A TCP port free on the loopback interface right now.</summary>
    public static int Free() => LocalProcess.FreePort();
}
