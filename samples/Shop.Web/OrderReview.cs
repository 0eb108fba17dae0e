using System.Globalization;
using Flow.Compilation;
using Flow.Engine;

namespace Shop.Web;

/// <summary>The sample's one diagram, deployed from its text, and a few demo orders.</summary>
public static class OrderReview
{
    /// <summary>The process key (and deployment name).</summary>
    public const string Key = "order-review";

    /// <summary>The embedded diagram's text.</summary>
    public static string Text()
    {
        using var stream = typeof(OrderReview).Assembly.GetManifestResourceStream("order-review.bpmn")
            ?? throw new InvalidOperationException("order-review.bpmn is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Deploys the diagram (version 1) and starts <paramref name="demoOrders"/> orders.</summary>
    public static async Task DeployAsync(FlowEngine engine, int demoOrders)
    {
        var deployer = new ContentDeployer(engine.Registry, new ContentDeployerOptions { CompileTimeout = TimeSpan.FromSeconds(60) });
        await deployer.DeployAsync(Key, Text());
        for (var i = 0; i < demoOrders; i++)
        {
            var amount = (120 + (i * 35)).ToString(CultureInfo.InvariantCulture);
            await engine.StartAsync(Key, $$"""{"customer":"customer {{i + 1}}","amount":{{amount}}}""");
        }
    }
}
