using Accelerator.Notifications.Webhooks.Delivering;

namespace Accelerator.Notifications.Tests;

public sealed class SignatureTests
{
    [Fact]
    public void Signs_the_standard_webhooks_test_vector() =>
        Signature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""")
            .ShouldBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

    [Fact]
    public void A_new_secret_is_whsec_and_32_random_bytes()
    {
        var secret = Signature.NewSecret();
        secret.ShouldStartWith("whsec_");
        Convert.FromBase64String(secret["whsec_".Length..]).Length.ShouldBe(32);
        Signature.NewSecret().ShouldNotBe(secret);
    }
}
