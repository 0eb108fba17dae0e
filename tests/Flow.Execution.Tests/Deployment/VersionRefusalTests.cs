using Flow.Deployment;

namespace Flow.Execution.Tests.Deployment;

/// <summary>A fresh clone or CI agent without flow-lock.json numbers changed content as version 1 again: the refusal says how to fix it.</summary>
public class VersionRefusalTests
{
    [Fact]
    public async Task A_reused_version_is_refused_with_the_fix_in_the_message()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A)).WaitAsync(TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(fx.Write(1, DeploymentFixture.B, folder: "rebuilt-on-ci")).WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.Equal("FLOW6007", error.Id);
        Assert.Contains("version 1 is already deployed with other content", error.Message, StringComparison.Ordinal);
        Assert.Contains("commit the flow-lock.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("FlowUseLockFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 2 or later", error.Message, StringComparison.Ordinal);
        Assert.Contains("ContinuousIntegrationBuild=true", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, fx.Registry.Latest["order"].Version);
    }
}
